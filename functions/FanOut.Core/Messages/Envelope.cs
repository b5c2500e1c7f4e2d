namespace FanOut.Core.Messages;

/// <summary>
/// What a client receives and what history returns: the published message plus its place in
/// the group's history (<see cref="Offset"/>, 1-based, gapless, within <see cref="Epoch"/>).
/// </summary>
public sealed record Envelope(
    string Id,
    string Hub,
    string Group,
    long Offset,
    string Epoch,
    string Event,
    RawJson Data,
    DateTimeOffset SentAt);
