using FanOut.Core.Messages;
using FanOut.Core.Publishing;

namespace FanOut.LocalHost.QueueTrigger;

/// <summary>The delivery queue, plus a wake-up of this process's listener after each enqueue.</summary>
public sealed class WakingDeliveryQueue(IDeliveryQueue inner, QueueWakeup wakeup) : IDeliveryQueue
{
    public async Task EnqueueAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        await inner.EnqueueAsync(message, cancellationToken);
        wakeup.Signal();
    }
}
