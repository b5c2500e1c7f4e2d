using FanOut.Core;
using FanOut.Core.Delivery;
using FanOut.Storage.Queues;
using Microsoft.Extensions.Options;

namespace FanOut.LocalHost.QueueTrigger;

/// <summary>The local counterpart of the Functions shell's queue-triggered Deliver function.</summary>
public sealed class DeliveryTriggerService(
    IQueueClientFactory queues,
    IOptions<QueueTriggerOptions> options,
    Deliverer deliverer,
    QueueWakeup wakeup,
    ILogger<DeliveryTriggerService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = new QueueTriggerListener(
            queues.GetQueue(FanOutNames.DeliveryQueue),
            queues.GetQueue(FanOutNames.PoisonQueue),
            options.Value,
            (message, cancellationToken) => deliverer.DeliverAsync(message.Span, cancellationToken),
            wakeup,
            logger);
        return listener.RunAsync(stoppingToken);
    }
}
