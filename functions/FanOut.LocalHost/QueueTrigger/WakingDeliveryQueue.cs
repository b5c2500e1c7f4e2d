using FanOut.Core.Messages;
using FanOut.Core.Publishing;

namespace FanOut.LocalHost.QueueTrigger;

/// <summary>
/// The delivery queue as this process's listener sees it: an enqueue waits while deliveries are far behind
/// (<see cref="PublishBackpressure"/>), and wakes the listener once the message is in the queue.
/// </summary>
public sealed class WakingDeliveryQueue(IDeliveryQueue inner, QueueWakeup wakeup, PublishBackpressure backpressure) : IDeliveryQueue
{
    public async Task EnqueueAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        var counted = await backpressure.EnterAsync(cancellationToken);
        try
        {
            await inner.EnqueueAsync(message, cancellationToken);
        }
        catch when (counted)
        {
            backpressure.Leave();
            throw;
        }

        wakeup.Signal();
    }
}
