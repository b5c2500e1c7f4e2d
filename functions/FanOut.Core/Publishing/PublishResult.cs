using FanOut.Core.Messages;
using FanOut.Core.Validation;

namespace FanOut.Core.Publishing;

/// <summary>Either the accepted message (now in the queue) or why it was rejected (nothing enqueued).</summary>
public sealed record PublishResult(QueuedMessage? Accepted, Rejection? Rejected)
{
    public static PublishResult Accept(QueuedMessage message) => new(message, null);

    public static PublishResult Reject(Rejection rejection) => new(null, rejection);
}
