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
    private readonly PeriodicTimer _timer;
    private readonly Task _renewing;

    public MessageLease(QueueClient queue, QueueMessage message, TimeSpan duration)
    {
        _queue = queue;
        _messageId = message.MessageId;
        _duration = duration;
        _timer = new PeriodicTimer(duration / 3);
        PopReceipt = message.PopReceipt;
        _renewing = RenewAsync();
    }

    public string PopReceipt { get; private set; }

    /// <summary>Stops renewing (the caller then deletes or releases the message with <see cref="PopReceipt"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        // Disposing the timer ends the loop without an exception; a renewal in flight completes first.
        _timer.Dispose();
        await _renewing;
    }

    private async Task RenewAsync()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync())
            {
                // Not cancelled once sent: a renewal the service applied but we stopped waiting for would
                // leave us holding a stale pop receipt, and the final delete would fail.
                var receipt = await _queue.UpdateMessageAsync(_messageId, PopReceipt, visibilityTimeout: _duration);
                PopReceipt = receipt.Value.PopReceipt;
            }
        }
        catch (Exception)
        {
            // Storage is unreachable or the lease was lost: the message may reappear and be
            // delivered again, which history recognises by its id.
        }
    }
}
