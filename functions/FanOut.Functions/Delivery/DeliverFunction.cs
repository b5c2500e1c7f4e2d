using System.Text;
using FanOut.Core;
using FanOut.Core.Delivery;
using Microsoft.Azure.Functions.Worker;

namespace FanOut.Functions.Delivery;

/// <summary>
/// Queue-triggered delivery: persist with the next offset, then broadcast. Exceptions escape so the
/// host retries and, after host.json's maxDequeueCount, moves the message to the poison queue.
/// </summary>
public sealed class DeliverFunction(Deliverer deliverer)
{
    [Function(nameof(Deliver))]
    public Task Deliver(
        [QueueTrigger(FanOutNames.DeliveryQueue, Connection = FanOutNames.StorageConnection)] string message,
        CancellationToken cancellationToken) =>
        deliverer.DeliverAsync(Encoding.UTF8.GetBytes(message), cancellationToken);
}
