using System.Globalization;
using System.Text;
using FanOut.Core;
using FanOut.Core.Delivery;
using FanOut.Core.Diagnostics;
using FanOut.Storage.Queues;
using Microsoft.Extensions.Options;
using Microsoft.Azure.Functions.Worker;

namespace FanOut.Functions.Delivery;

/// <summary>
/// Queue-triggered delivery: persist with the next offset, then broadcast. Exceptions escape so the
/// host retries and, after host.json's maxDequeueCount, moves the message to the poison queue (counted
/// on the FanOut meter when the last attempt fails).
/// </summary>
public sealed class DeliverFunction(Deliverer deliverer, FanOutMetrics metrics, IOptions<QueueTriggerOptions> queueOptions)
{
    [Function(nameof(Deliver))]
    public async Task Deliver(
        [QueueTrigger(FanOutNames.DeliveryQueue, Connection = FanOutNames.StorageConnection)] string message,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        try
        {
            await deliverer.DeliverAsync(Encoding.UTF8.GetBytes(message), cancellationToken);
        }
        catch (Exception) when (IsLastAttempt(context))
        {
            metrics.Poisoned();
            throw;
        }
    }

    // The queue trigger's metadata carries DequeueCount; a missing or unreadable value is not a last attempt.
    private bool IsLastAttempt(FunctionContext context) =>
        context.BindingContext.BindingData.TryGetValue("DequeueCount", out var value)
        && long.TryParse(value?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var dequeueCount)
        && dequeueCount >= queueOptions.Value.MaxDequeueCount;
}
