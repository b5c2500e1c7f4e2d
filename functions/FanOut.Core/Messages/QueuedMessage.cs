using System.Text.Json.Serialization;

namespace FanOut.Core.Messages;

/// <summary>
/// An accepted message on its way through the delivery queue: an envelope without its offset yet.
/// <see cref="Group"/> is its stream (a group, <see cref="Streams.Hub"/> or a user's stream);
/// <see cref="Groups"/>, when set, lists every stream of a message sent to several groups at once (one
/// queue message, stored in each with that stream's own offset, under one id).
/// </summary>
public sealed record QueuedMessage(
    string Id,
    string Hub,
    string Group,
    string Event,
    RawJson Data,
    DateTimeOffset SentAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>Connections that must not receive it (the sender, for "everyone but me").</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Except { get; init; }

    /// <summary>
    /// Where <see cref="Data"/> is kept when it is too large for a queue message (the claim check); the queue
    /// message then carries no data.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DataRef { get; init; }

    /// <summary>The publish span's W3C <c>traceparent</c>, so that delivery continues the publisher's trace.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceParent { get; init; }

    /// <summary>Every stream the message goes to.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Targets => Groups ?? [Group];

    public Envelope ToEnvelope(long offset, string epoch) => new(Id, Hub, Group, offset, epoch, Event, Data, SentAt) { Except = Except, DataRef = DataRef };
}
