using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using FanOut.Storage.Queues;

namespace FanOut.LocalHost.QueueTrigger;

/// <summary>
/// The Azure Functions queue trigger's semantics, for the local host: fetch up to batchSize
/// messages, run them concurrently, fetch again when no more than newBatchThreshold are still
/// running; delete on success; on failure make the message visible again after visibilityTimeout,
/// and once it has been tried maxDequeueCount times copy it to the poison queue and delete it.
/// After a partial batch, and less and less often (up to maxPollingInterval) while the queue stays empty, it
/// waits before fetching again, unless a <see cref="QueueWakeup"/> says a message just arrived. Unlike the
/// Functions host, which hides a message for 10 minutes while it runs, a <see cref="MessageLease"/> keeps it
/// hidden in short renewed steps, so a killed process's messages come back within <see cref="DefaultLeaseDuration"/>.
/// <c>removed</c> runs whenever a message leaves the queue (deleted or poisoned), <c>poisoned</c> when it is poisoned.
/// </summary>
public sealed partial class QueueTriggerListener(
    QueueClient queue,
    QueueClient poisonQueue,
    QueueTriggerOptions options,
    Func<ReadOnlyMemory<byte>, CancellationToken, Task> handler,
    QueueWakeup wakeup,
    ILogger logger,
    TimeSpan? leaseDuration = null,
    Action? removed = null,
    Action? poisoned = null)
{
    /// <summary>How long a received message stays hidden between lease renewals (renewed every third of it).</summary>
    public static readonly TimeSpan DefaultLeaseDuration = TimeSpan.FromSeconds(30);

    private readonly TimeSpan _leaseDuration = leaseDuration ?? DefaultLeaseDuration;

    /// <summary>The first pause after an empty poll; it doubles up to maxPollingInterval.</summary>
    public static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        var pause = MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            running.RemoveAll(task => task.IsCompleted);
            if (running.Count > options.EffectiveNewBatchThreshold)
            {
                await Task.WhenAny(running);
                continue;
            }

            var batch = await TryReceiveAsync(stoppingToken);
            if (batch is not { Length: > 0 })
            {
                await PauseAsync(pause, stoppingToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, Math.Max(options.MaxPollingInterval.Ticks, MinPollingInterval.Ticks)));
                continue;
            }

            pause = MinPollingInterval;
            running.AddRange(batch.Select(message => ProcessAsync(message, stoppingToken)));
            if (batch.Length < options.BatchSize)
            {
                // The queue held fewer than a batch: it is empty now, and asking again at once would only
                // cost an empty receive. Wait for this process's next enqueue, or poll after the shortest pause.
                await PauseAsync(MinPollingInterval, stoppingToken);
            }
        }

        // Let what is running finish: each ends deleted, retried later or poisoned, never half-done.
        await Task.WhenAll(running);
    }

    private async Task<QueueMessage[]?> TryReceiveAsync(CancellationToken stoppingToken)
    {
        try
        {
            var received = await queue.ReceiveMessagesAsync(options.BatchSize, _leaseDuration, stoppingToken);
            return received.Value;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex)
        {
            LogReceiveFailed(logger, ex, queue.Name);
            return null;
        }
    }

    private async Task PauseAsync(TimeSpan pause, CancellationToken stoppingToken)
    {
        try
        {
            await wakeup.WaitAsync(pause, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Starts on the receive loop's thread and runs there up to the handler's first await.</summary>
    private async Task ProcessAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        if (message.DequeueCount > options.MaxDequeueCount)
        {
            // Tried too often already (an earlier process died mid-way each time): do not try again.
            await MoveToPoisonAsync(message, message.PopReceipt, lastError: null);
            return;
        }

        Exception? failure = null;
        var lease = new MessageLease(queue, message, _leaseDuration);
        try
        {
            await handler(message.Body.ToMemory(), stoppingToken);
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            await lease.DisposeAsync();
        }

        if (failure is null)
        {
            await DeleteAsync(message.MessageId, lease.PopReceipt);
            removed?.Invoke();
        }
        else if (message.DequeueCount >= options.MaxDequeueCount)
        {
            await MoveToPoisonAsync(message, lease.PopReceipt, failure);
        }
        else
        {
            await ReleaseForRetryAsync(message, lease.PopReceipt, failure);
        }
    }

    private async Task ReleaseForRetryAsync(QueueMessage message, string popReceipt, Exception error)
    {
        LogRetrying(logger, error, message.MessageId, queue.Name, message.DequeueCount, options.MaxDequeueCount);
        try
        {
            await queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: options.VisibilityTimeout, cancellationToken: CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The message reappears when its lease runs out; nothing is lost.
            LogReleaseFailed(logger, ex, message.MessageId);
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, string popReceipt, Exception? lastError)
    {
        // Copy first, then delete: a crash in between leaves a copy in both queues, never in none.
        await poisonQueue.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
        await DeleteAsync(message.MessageId, popReceipt);
        removed?.Invoke();
        poisoned?.Invoke();
        LogPoisoned(logger, lastError, message.MessageId, queue.Name, poisonQueue.Name, message.DequeueCount, lastError?.Message);
    }

    private async Task DeleteAsync(string messageId, string popReceipt)
    {
        try
        {
            await queue.DeleteMessageAsync(messageId, popReceipt, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Delivery is idempotent: if the message reappears, history recognises it.
            LogDeleteFailed(logger, ex, messageId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving from {Queue} failed; polling again shortly")]
    private static partial void LogReceiveFailed(ILogger logger, Exception error, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} from {Queue} failed on attempt {DequeueCount} of {MaxDequeueCount}; it will be retried")]
    private static partial void LogRetrying(ILogger logger, Exception error, string messageId, string queue, long dequeueCount, int maxDequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} from {Queue} moved to {PoisonQueue} after {DequeueCount} attempts; last error: {LastError}")]
    private static partial void LogPoisoned(ILogger logger, Exception? error, string messageId, string queue, string poisonQueue, long dequeueCount, string? lastError);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release message {MessageId} for retry; it reappears when its lease runs out")]
    private static partial void LogReleaseFailed(ILogger logger, Exception error, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete handled message {MessageId}; a redelivery will be recognised by history")]
    private static partial void LogDeleteFailed(ILogger logger, Exception error, string messageId);
}
