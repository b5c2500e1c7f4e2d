using FanOut.Core.Messages;

namespace FanOut.Core.Publishing;

/// <summary>
/// A publish request as the HTTP layer (or a client event) read it: where to (<see cref="Targets"/>: one or
/// more groups, <see cref="Streams.Hub"/>, or a user's stream), the body's <c>event</c> and <c>data</c>,
/// connections to leave out, and the optional <c>Idempotency-Key</c>.
/// </summary>
public sealed record PublishCommand(string Hub, IReadOnlyList<string> Targets, string? Event, RawJson Data, string? IdempotencyKey = null)
{
    public PublishCommand(string hub, string group, string? @event, RawJson data, string? idempotencyKey = null)
        : this(hub, [group], @event, data, idempotencyKey)
    {
    }

    public IReadOnlyList<string>? Except { get; init; }

    /// <summary>
    /// The key is a verified sender's delivery id (webhooks): a redelivery is the same request even when the sender
    /// changed bookkeeping fields in the body (Stripe updates <c>pending_webhooks</c>), so it is answered, not refused.
    /// </summary>
    public bool KeyIsDeliveryId { get; init; }
}
