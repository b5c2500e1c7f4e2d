using FanOut.Core.Diagnostics;
using FanOut.Core.History;
using FanOut.Core.Messages;
using Microsoft.Extensions.Logging;

namespace FanOut.Core.Delivery;

/// <summary>What delivery reports about itself: structured logs, the <c>FanOut</c> meter, and the dashboard's list of recent deliveries.</summary>
public sealed partial class DeliveryObserver(FanOutMetrics metrics, TimeProvider clock, RecentDeliveries? recent = null)
{
    internal void Delivered(ILogger logger, AppendResult result)
    {
        var envelope = result.Envelope;
        var now = clock.GetUtcNow();
        var lag = now - envelope.SentAt;
        metrics.Delivered(envelope.Hub, lag);
        recent?.Add(envelope, now, lag, redelivered: !result.IsNew);
        if (result.IsNew)
        {
            LogDelivered(logger, envelope.Id, envelope.Hub, envelope.Group, envelope.Offset, lag.TotalMilliseconds);
        }
        else
        {
            LogRedelivered(logger, envelope.Id, envelope.Hub, envelope.Group, envelope.Offset);
        }
    }

    internal void CommitFailed(ILogger logger, QueuedMessage first, int count, Exception error)
    {
        metrics.CommitFailed(first.Hub, count);
        LogCommitFailed(logger, error, count, first.Hub, first.Group);
    }

    internal void BroadcastFailed(ILogger logger, Envelope envelope, Exception error)
    {
        metrics.BroadcastFailed(envelope.Hub);
        LogBroadcastFailed(logger, error, envelope.Id, envelope.Hub, envelope.Group, envelope.Offset);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered message {MessageId} to {Hub}/{Group} at offset {Offset} ({LagMs:F1} ms after accept)")]
    private static partial void LogDelivered(ILogger logger, string messageId, string hub, string group, long offset, double lagMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} was already stored in {Hub}/{Group} at offset {Offset}; broadcast it again")]
    private static partial void LogRedelivered(ILogger logger, string messageId, string hub, string group, long offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store {Count} messages of {Hub}/{Group}; the queue will retry them")]
    private static partial void LogCommitFailed(ILogger logger, Exception error, int count, string hub, string group);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not broadcast message {MessageId} of {Hub}/{Group} at offset {Offset}; the queue will retry it")]
    private static partial void LogBroadcastFailed(ILogger logger, Exception error, string messageId, string hub, string group, long offset);
}
