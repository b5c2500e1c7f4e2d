using FanOut.Core.Diagnostics;
using FanOut.Core.Messages;
using Microsoft.Extensions.Logging;

namespace FanOut.Core.History;

/// <summary>
/// Gives a message the next offset of its group and stores it: read the head, commit message and
/// head+1 atomically, and on a conflict read again. Offsets are therefore 1, 2, 3, ... without gaps
/// however many deliveries run at once, and a redelivered message keeps the offset it first got.
/// </summary>
public sealed partial class HistoryAppender(IHistoryStore store, FanOutMetrics metrics, ILogger<HistoryAppender> logger)
{
    /// <summary>How many head conflicts one append tolerates before it gives up (and the queue retries it).</summary>
    public const int MaxAttempts = 64;

    public async Task<AppendResult> AppendAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var head = await store.ReadHeadAsync(message.Hub, message.Group, cancellationToken) ?? GroupHead.New();
            var envelope = message.ToEnvelope(head.LastOffset + 1, head.Epoch);

            switch (await store.TryCommitAsync(head, envelope, cancellationToken))
            {
                case CommitOutcome.Committed:
                    return new AppendResult(envelope, IsNew: true);

                case CommitOutcome.AlreadyStored:
                    var stored = await store.FindAsync(message.Hub, message.Group, message.Id, cancellationToken)
                        ?? throw new InvalidOperationException($"Message {message.Id} was reported stored but cannot be read back.");
                    LogRedelivery(logger, message.Id, stored.Offset);
                    return new AppendResult(stored, IsNew: false);

                case CommitOutcome.HeadChanged:
                    metrics.HeadConflict();
                    await Task.Delay(Backoff(attempt), cancellationToken);
                    break;
            }
        }

        throw new HistoryContentionException(message.Hub, message.Group, MaxAttempts);
    }

    /// <summary>A short, jittered, growing pause so competing deliveries spread out instead of colliding again.</summary>
    internal static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, 1 + Math.Min(50, 2 * attempt)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} was already stored at offset {Offset}; delivering it again")]
    private static partial void LogRedelivery(ILogger logger, string messageId, long offset);
}
