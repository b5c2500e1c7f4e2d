using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace FanOut.LocalHost.QueueTrigger;

/// <summary>
/// Keeps a received message invisible while it is processed: the listener receives with a short
/// visibility timeout and this renews it periodically. If the process dies, the message reappears
/// within one lease instead of the Functions host's 10 minutes. Each renewal changes the pop receipt;
/// <see cref="PopReceipt"/> is the current one, for the final delete or release.
/// </summary>
internal sealed class MessageLease : IAsyncDisposable
{
    private readonly QueueClient _queue;
    private readonly string _messageId;
    private readonly TimeSpan _duration;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    public MessageLease(QueueClient queue, QueueMessage message, TimeSpan duration)
    {
        _queue = queue;
        _messageId = message.MessageId;
        _duration = duration;
        PopReceipt = message.PopReceipt;
        _renewing = RenewAsync(_stop.Token);
    }

    public string PopReceipt { get; private set; }

    /// <summary>Stops renewing (the caller then deletes or releases the message with <see cref="PopReceipt"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        _stop.Dispose();
    }

    private async Task RenewAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_duration / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var receipt = await _queue.UpdateMessageAsync(_messageId, PopReceipt, visibilityTimeout: _duration, cancellationToken: stop);
                PopReceipt = receipt.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Processing finished.
        }
        catch (Exception)
        {
            // Storage is unreachable or the lease was lost: the message may reappear and be
            // delivered again, which history recognises by its id.
        }
    }
}
