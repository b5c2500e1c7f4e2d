namespace FanOut.Api.Admin;

/// <summary>
/// A message in the poison queue: the queue's own id, when it arrived and how often it was tried, and what
/// it says (our message id, hub, group, event, when it was sent; null when the body is not a readable
/// message), with the start of its body.
/// </summary>
public sealed record PoisonMessage(
    string QueueMessageId,
    DateTimeOffset? InsertedOn,
    long DequeueCount,
    string? MessageId,
    string? Hub,
    string? Group,
    string? Event,
    DateTimeOffset? SentAt,
    int Bytes,
    string Preview);
