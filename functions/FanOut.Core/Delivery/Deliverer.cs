using FanOut.Core.Diagnostics;
using FanOut.Core.History;
using FanOut.Core.Messages;
using Microsoft.Extensions.Logging;

namespace FanOut.Core.Delivery;

/// <summary>
/// The delivery use case behind the queue trigger: persist with the next offset, then broadcast.
/// Exceptions escape on purpose: the host retries the queue message and, after maxDequeueCount,
/// moves it to the poison queue. A retry after a successful persist finds the message stored and
/// broadcasts it again with the same offset, so clients can drop the repeat by offset.
/// </summary>
public sealed partial class Deliverer(HistoryAppender history, IBroadcaster broadcaster, TimeProvider clock, FanOutMetrics metrics, ILogger<Deliverer> logger)
{
    /// <summary>Delivers one queue message's text (already decoded from the queue's encoding).</summary>
    public Task<Envelope> DeliverAsync(ReadOnlySpan<byte> queueMessageUtf8, CancellationToken cancellationToken) =>
        DeliverAsync(MessageJson.DeserializeQueued(queueMessageUtf8), cancellationToken);

    public async Task<Envelope> DeliverAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        var appended = await history.AppendAsync(message, cancellationToken);
        await broadcaster.BroadcastAsync(appended.Envelope, cancellationToken);

        var lag = clock.GetUtcNow() - message.SentAt;
        metrics.Delivered(message.Hub, lag);
        LogDelivered(logger, message.Id, message.Hub, message.Group, appended.Envelope.Offset, lag.TotalMilliseconds);
        return appended.Envelope;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered message {MessageId} to {Hub}/{Group} at offset {Offset} ({LagMs:F1} ms after accept)")]
    private static partial void LogDelivered(ILogger logger, string messageId, string hub, string group, long offset, double lagMs);
}
