using FanOut.Core.Validation;

namespace FanOut.Core.Publishing;

/// <summary>Either the receipt of an accepted message (it is in the queue) or why it was refused (nothing enqueued).</summary>
public sealed record PublishResult(PublishReceipt? Accepted, Rejection? Rejected)
{
    public static PublishResult Accept(PublishReceipt receipt) => new(receipt, null);

    public static PublishResult Reject(Rejection rejection) => new(null, rejection);
}
