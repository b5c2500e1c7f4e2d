using System.Security.Cryptography;
using FanOut.Core.Messages;
using FanOut.Core.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FanOut.Core.Publishing;

/// <summary>
/// Publishes a message at most once per Idempotency-Key and hub. The first request claims the key (a
/// durable record with its message id), enqueues, then marks the record accepted; repeats with the
/// same request get that message id back and enqueue nothing; repeats with another request are
/// refused. Repeats that arrive while the first is still enqueueing wait for it. A claim whose owner
/// died before confirming is taken over after <see cref="PendingTimeout"/> and enqueued again with
/// the same message id, which history stores once. Records older than the window are deleted in the
/// background after a new claim, at most once per <see cref="SweepInterval"/> in a process and
/// <see cref="MaxPerSweep"/> at a time, so the table holds about one window of keys.
/// </summary>
public sealed partial class IdempotencyGate(IIdempotencyStore store, IOptions<FanOutOptions> options, TimeProvider clock, ILogger<IdempotencyGate> logger)
{
    public const int MaxKeyLength = 255;

    /// <summary>How long an unconfirmed claim is trusted to be in progress.</summary>
    public static readonly TimeSpan PendingTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a repeat waits for the first request to finish before answering 409.</summary>
    public static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(10);

    /// <summary>How often, at most, a process deletes expired records.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(10);

    /// <summary>Expired records deleted per sweep at most (a backlog goes over several).</summary>
    public const int MaxPerSweep = 1000;

    /// <summary>A waiting repeat re-reads the record after 20 ms, then twice as long each time up to 250 ms, so a burst of repeats does not flood storage while the first request works.</summary>
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(20);

    private static readonly TimeSpan MaxPoll = TimeSpan.FromMilliseconds(250);

    private long _nextSweepTicks;

    public static Rejection? CheckKey(string key) =>
        key.Length is >= 1 and <= MaxKeyLength && key.All(c => c is >= '!' and <= '~')
            ? null
            : new Rejection(RejectionCodes.InvalidIdempotencyKey, $"An Idempotency-Key is 1-{MaxKeyLength} visible ASCII characters (a UUID is a good choice).");

    public async Task<PublishResult> PublishOnceAsync(
        QueuedMessage message, string key, Func<QueuedMessage, Task> enqueue, CancellationToken cancellationToken, bool keyIsDeliveryId = false)
    {
        var hash = RequestHash(message, includeData: !keyIsDeliveryId);
        var giveUpAt = clock.GetUtcNow() + WaitForFirst;
        var poll = FirstPoll;
        while (true)
        {
            var claim = new IdempotencyRecord(message.Hub, key, hash, message.Id, message.Group, Accepted: false, clock.GetUtcNow());
            var (record, claimed) = await store.ClaimAsync(claim, cancellationToken);
            if (claimed)
            {
                SweepExpiredWhenDue();
                return await EnqueueAsOwnerAsync(record, message, enqueue);
            }

            for (IdempotencyRecord? current = record; current is not null; current = await store.ReadAsync(message.Hub, key, cancellationToken))
            {
                var now = clock.GetUtcNow();
                if (current.CreatedAt + options.Value.IdempotencyWindow <= now)
                {
                    // Expired: the key is free again.
                    if (await store.TryReplaceAsync(current, claim, cancellationToken) is { } renewed)
                    {
                        return await EnqueueAsOwnerAsync(renewed, message, enqueue);
                    }

                    continue;
                }

                if (current.RequestHash != hash)
                {
                    return PublishResult.Reject(new Rejection(
                        RejectionCodes.IdempotencyKeyReused,
                        "This Idempotency-Key was used with a different request; use a new key for a new message."));
                }

                if (current.Accepted)
                {
                    return PublishResult.Accept(new PublishReceipt(current.MessageId, current.Hub, current.Group, Replayed: true));
                }

                if (now - current.CreatedAt >= PendingTimeout)
                {
                    LogTakingOver(logger, current.MessageId, current.Hub, current.CreatedAt);
                    if (await store.TryReplaceAsync(current, current with { CreatedAt = now }, cancellationToken) is { } taken)
                    {
                        return await EnqueueAsOwnerAsync(taken, message with { Id = taken.MessageId }, enqueue);
                    }

                    continue;
                }

                if (now >= giveUpAt)
                {
                    return PublishResult.Reject(new Rejection(
                        RejectionCodes.IdempotencyKeyInUse, "A request with this Idempotency-Key is still being processed; retry shortly."));
                }

                await Task.Delay(poll, cancellationToken);
                poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, MaxPoll.Ticks));
            }

            // The first request failed and released the key: claim it again.
        }
    }

    private async Task<PublishResult> EnqueueAsOwnerAsync(IdempotencyRecord claim, QueuedMessage message, Func<QueuedMessage, Task> enqueue)
    {
        try
        {
            await enqueue(message);
        }
        catch
        {
            await ReleaseAsync(claim);
            throw;
        }

        try
        {
            await store.TryReplaceAsync(claim, claim with { Accepted = true }, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The message is in the queue; a repeat after PendingTimeout takes the claim over and
            // enqueues the same message id again, which history stores once.
            LogConfirmFailed(logger, ex, message.Id, message.Hub);
        }

        return PublishResult.Accept(new PublishReceipt(message.Id, message.Hub, message.Group, Replayed: false) { Targets = message.Targets });
    }

    private async Task ReleaseAsync(IdempotencyRecord claim)
    {
        try
        {
            await store.ReleaseAsync(claim, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // A repeat takes the claim over after PendingTimeout.
            LogReleaseFailed(logger, ex, claim.MessageId, claim.Hub);
        }
    }

    private void SweepExpiredWhenDue()
    {
        var now = clock.GetUtcNow();
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, due) != due)
        {
            return;
        }

        _ = SweepExpiredAsync(now - options.Value.IdempotencyWindow);
    }

    internal async Task<int> SweepExpiredAsync(DateTimeOffset createdBefore)
    {
        try
        {
            var deleted = await store.DeleteExpiredAsync(createdBefore, MaxPerSweep, CancellationToken.None);
            if (deleted > 0)
            {
                LogSwept(logger, deleted, createdBefore);
            }

            return deleted;
        }
        catch (Exception ex)
        {
            // Expired records only take room: lookups treat them as free keys. The next sweep tries again.
            LogSweepFailed(logger, ex);
            return 0;
        }
    }

    /// <summary>What makes two requests "the same": targets, connections left out, event and (unless the key is a sender's delivery id) the exact data bytes.</summary>
    internal static string RequestHash(QueuedMessage message, bool includeData = true)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var except = message.Except is null ? string.Empty : string.Join(',', message.Except);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{string.Join(',', message.Targets)}\n{except}\n{message.Event}\n"));
        if (includeData)
        {
            hash.AppendData(message.Data.Utf8.Span);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} idempotency records created before {Cutoff}")]
    private static partial void LogSwept(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete expired idempotency records; trying again later")]
    private static partial void LogSweepFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Idempotency claim for message {MessageId} in {Hub} from {CreatedAt} was never confirmed; taking it over")]
    private static partial void LogTakingOver(ILogger logger, string messageId, string hub, DateTimeOffset createdAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not confirm the idempotency record of message {MessageId} in {Hub}; it is in the queue")]
    private static partial void LogConfirmFailed(ILogger logger, Exception error, string messageId, string hub);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the idempotency claim of message {MessageId} in {Hub} after a failed enqueue")]
    private static partial void LogReleaseFailed(ILogger logger, Exception error, string messageId, string hub);
}
