using FanOut.Core.Messages;

namespace FanOut.Core.Publishing;

/// <summary>The queue between accepting a message and delivering it. When <see cref="EnqueueAsync"/> returns, the message is durable.</summary>
public interface IDeliveryQueue
{
    Task EnqueueAsync(QueuedMessage message, CancellationToken cancellationToken);
}
