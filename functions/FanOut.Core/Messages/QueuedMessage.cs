namespace FanOut.Core.Messages;

/// <summary>An accepted message on its way through the delivery queue: an envelope without its offset yet.</summary>
public sealed record QueuedMessage(
    string Id,
    string Hub,
    string Group,
    string Event,
    RawJson Data,
    DateTimeOffset SentAt)
{
    public Envelope ToEnvelope(long offset, string epoch) => new(Id, Hub, Group, offset, epoch, Event, Data, SentAt);
}
