namespace FanOut.Core.Publishing;

/// <summary>
/// What an <c>Idempotency-Key</c> stands for: the request it first came with (<see cref="RequestHash"/>),
/// the message id that request was given, and whether that message is known to be in the queue.
/// <see cref="ETag"/> is the store's concurrency token (null for a record not yet stored).
/// </summary>
public sealed record IdempotencyRecord(
    string Hub,
    string Key,
    string RequestHash,
    string MessageId,
    string Group,
    bool Accepted,
    DateTimeOffset CreatedAt,
    string? ETag = null);
