using FanOut.Storage.Queues;

namespace FanOut.LocalHost.QueueTrigger;

/// <summary>
/// The Azure Functions queue trigger's semantics, for the local host: fetch up to batchSize
/// messages, run them concurrently, fetch again when no more than newBatchThreshold are still
/// running; delete on success; on failure make the message visible again after visibilityTimeout,
/// and once it has been tried maxDequeueCount times copy it to the poison queue and delete it.
/// An empty queue is polled less and less often, up to maxPollingInterval, unless a
/// <see cref="QueueWakeup"/> says a message just arrived.
/// </summary>
public sealed partial class QueueTriggerListener(
    QueueClient queue,
    QueueClient poisonQueue,
    QueueTriggerOptions options,
    Func<ReadOnlyMemory<byte>, CancellationToken, Task> handler,
    QueueWakeup wakeup,
    ILogger logger)
{
    /// <summary>How long a fetched message stays hidden while it is processed (the Functions host uses 10 minutes).</summary>
    public static readonly TimeSpan ProcessingTimeout = TimeSpan.FromMinutes(10);

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
            if (batch is not { Count: > 0 })
            {
                await PauseAsync(pause, stoppingToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, Math.Max(options.MaxPollingInterval.Ticks, MinPollingInterval.Ticks)));
                continue;
            }

            pause = MinPollingInterval;
            running.AddRange(batch.Select(message => ProcessAsync(message, stoppingToken)));
        }

        // Let what is running finish: each ends deleted, retried later or poisoned, never half-done.
        await Task.WhenAll(running);
    }

    private async Task<IReadOnlyList<ReceivedMessage>?> TryReceiveAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await queue.ReceiveAsync(options.BatchSize, ProcessingTimeout, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogReceiveFailed(logger, ex, queue.Name);
            return null;
        }
        catch (OperationCanceledException)
        {
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

    private async Task ProcessAsync(ReceivedMessage message, CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (message.DequeueCount > options.MaxDequeueCount)
        {
            // Tried too often already (an earlier process died mid-way each time): do not try again.
            await MoveToPoisonAsync(message, lastError: null);
            return;
        }

        try
        {
            await handler(Decode(message.Text), stoppingToken);
        }
        catch (Exception ex)
        {
            await HandleFailureAsync(message, ex);
            return;
        }

        await DeleteAsync(message);
    }

    private ReadOnlyMemory<byte> Decode(string text) =>
        options.UsesBase64 ? Convert.FromBase64String(text) : System.Text.Encoding.UTF8.GetBytes(text);

    private async Task HandleFailureAsync(ReceivedMessage message, Exception error)
    {
        if (message.DequeueCount >= options.MaxDequeueCount)
        {
            await MoveToPoisonAsync(message, error);
            return;
        }

        LogRetrying(logger, error, message.MessageId, queue.Name, message.DequeueCount, options.MaxDequeueCount);
        try
        {
            await queue.UpdateVisibilityAsync(message.MessageId, message.PopReceipt, options.VisibilityTimeout, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The message reappears when its processing timeout ends; nothing is lost.
            LogReleaseFailed(logger, ex, message.MessageId);
        }
    }

    private async Task MoveToPoisonAsync(ReceivedMessage message, Exception? lastError)
    {
        // Copy first, then delete: a crash in between leaves a copy in both queues, never in none.
        await poisonQueue.SendAsync(message.Text, null, null, CancellationToken.None);
        await DeleteAsync(message);
        LogPoisoned(logger, lastError, message.MessageId, queue.Name, poisonQueue.Name, message.DequeueCount, lastError?.Message);
    }

    private async Task DeleteAsync(ReceivedMessage message)
    {
        try
        {
            await queue.DeleteAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Delivery is idempotent: if the message reappears, history recognises it.
            LogDeleteFailed(logger, ex, message.MessageId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving from {Queue} failed; polling again shortly")]
    private static partial void LogReceiveFailed(ILogger logger, Exception error, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} from {Queue} failed on attempt {DequeueCount} of {MaxDequeueCount}; it will be retried")]
    private static partial void LogRetrying(ILogger logger, Exception error, string messageId, string queue, long dequeueCount, int maxDequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} from {Queue} moved to {PoisonQueue} after {DequeueCount} attempts; last error: {LastError}")]
    private static partial void LogPoisoned(ILogger logger, Exception? error, string messageId, string queue, string poisonQueue, long dequeueCount, string? lastError);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release message {MessageId} for retry; it reappears after its processing timeout")]
    private static partial void LogReleaseFailed(ILogger logger, Exception error, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete handled message {MessageId}; a redelivery will be recognised by history")]
    private static partial void LogDeleteFailed(ILogger logger, Exception error, string messageId);
}
