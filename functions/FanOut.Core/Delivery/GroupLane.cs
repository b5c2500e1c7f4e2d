using FanOut.Core.History;
using FanOut.Core.Messages;
using Microsoft.Extensions.Logging;

namespace FanOut.Core.Delivery;

/// <summary>
/// One group's delivery order in this process. Messages wait here while the previous batch commits;
/// then everything waiting (within the store's per-commit limits) commits at once, and batches are
/// broadcast one after another in offset order while the next batch commits. The group's head and
/// its concurrency token stay cached between commits; after a failure they are read again.
/// </summary>
internal sealed class GroupLane(HistoryWriter writer, IBroadcaster broadcaster, DeliveryObserver observer, ILogger logger, HistoryRetention? retention)
{
    private readonly Lock _gate = new();
    private readonly List<Pending> _waiting = [];
    private bool _running;
    private GroupHead? _head;

    public bool IsIdle
    {
        get
        {
            lock (_gate)
            {
                return !_running && _waiting.Count == 0;
            }
        }
    }

    public Task<Envelope> DeliverAsync(QueuedMessage message)
    {
        var pending = new Pending(message);
        bool start;
        lock (_gate)
        {
            _waiting.Add(pending);
            start = !_running;
            _running = true;
        }

        if (start)
        {
            // Started on the caller's thread, which then returns at the commit's first await: a thread-pool
            // hop per lane start cost measurable CPU with many groups.
            _ = RunAsync();
        }

        return pending.Completion.Task;
    }

    private async Task RunAsync()
    {
        var broadcasting = Task.CompletedTask;
        while (true)
        {
            var batch = TakeBatch();
            if (batch.Count == 0)
            {
                await broadcasting;
                lock (_gate)
                {
                    if (_waiting.Count == 0)
                    {
                        _running = false;
                        return;
                    }
                }

                continue;
            }

            var committed = await CommitAsync(batch);
            await broadcasting;
            broadcasting = committed is null ? Task.CompletedTask : BroadcastAsync(batch, committed);
        }
    }

    private List<Pending> TakeBatch()
    {
        lock (_gate)
        {
            var (count, bytes) = (0, 0);
            while (count < _waiting.Count && count < writer.MaxMessagesPerCommit)
            {
                var message = _waiting[count].Message;
                bytes += message.DataRef is null ? message.Data.Utf8.Length : message.DataRef.Length;
                if (count > 0 && bytes > writer.MaxDataBytesPerCommit)
                {
                    break;
                }

                count++;
            }

            var batch = _waiting.GetRange(0, count);
            _waiting.RemoveRange(0, count);
            return batch;
        }
    }

    private async Task<IReadOnlyList<AppendResult>?> CommitAsync(List<Pending> batch)
    {
        try
        {
            var messages = batch.Select(p => p.Message).DistinctBy(m => m.Id).ToList();
            var (head, results) = await writer.AppendAsync(_head, messages, CancellationToken.None);
            _head = head;
            retention?.Committed(messages[0].Hub, messages[0].Group);
            return results;
        }
        catch (Exception ex)
        {
            // The commit may or may not have happened: forget the head, fail these messages; their
            // retries find out (a stored message keeps its offset).
            _head = null;
            observer.CommitFailed(logger, batch[0].Message, batch.Count, ex);
            batch.ForEach(p => p.Completion.TrySetException(ex));
            return null;
        }
    }

    private async Task BroadcastAsync(List<Pending> batch, IReadOnlyList<AppendResult> results)
    {
        // A message id can be waiting twice (a redelivery next to its first copy): it is stored and sent once.
        var byId = batch.ToLookup(p => p.Message.Id);
        foreach (var result in results)
        {
            try
            {
                await broadcaster.BroadcastAsync(result.Envelope, CancellationToken.None);
                observer.Delivered(logger, result);
                foreach (var pending in byId[result.Envelope.Id])
                {
                    pending.Completion.TrySetResult(result.Envelope);
                }
            }
            catch (Exception ex)
            {
                // Only this message fails (and is retried, then poisoned); the rest of the batch goes on.
                observer.BroadcastFailed(logger, result.Envelope, ex);
                foreach (var pending in byId[result.Envelope.Id])
                {
                    pending.Completion.TrySetException(ex);
                }
            }
        }
    }

    private sealed record Pending(QueuedMessage Message)
    {
        // Completions run the caller's continuation (the queue trigger's delete) inline, up to its first await,
        // instead of queueing it to the thread pool: the lane never holds its lock while completing.
        public TaskCompletionSource<Envelope> Completion { get; } = new();
    }
}
