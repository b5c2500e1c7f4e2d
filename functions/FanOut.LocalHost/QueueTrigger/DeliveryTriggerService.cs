using Azure.Storage.Queues;
using FanOut.Core;
using FanOut.Core.Delivery;
using FanOut.Core.Diagnostics;
using FanOut.Storage.Queues;
using Microsoft.Extensions.Options;

namespace FanOut.LocalHost.QueueTrigger;

/// <summary>The local counterpart of the Functions shell's queue-triggered Deliver function.</summary>
public sealed class DeliveryTriggerService(
    [FromKeyedServices(FanOutNames.DeliveryQueue)] QueueClient deliveryQueue,
    [FromKeyedServices(FanOutNames.PoisonQueue)] QueueClient poisonQueue,
    IOptions<QueueTriggerOptions> options,
    Deliverer deliverer,
    FanOutMetrics metrics,
    QueueWakeup wakeup,
    PublishBackpressure backpressure,
    ILogger<DeliveryTriggerService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = new QueueTriggerListener(
            deliveryQueue,
            poisonQueue,
            options.Value,
            (message, cancellationToken) => deliverer.DeliverAsync(message, cancellationToken),
            wakeup,
            logger,
            removed: backpressure.Leave,
            poisoned: metrics.Poisoned);
        return listener.RunAsync(stoppingToken);
    }
}
