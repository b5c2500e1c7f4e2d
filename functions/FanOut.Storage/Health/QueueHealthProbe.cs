using Azure.Storage.Queues;
using FanOut.Core.Health;

namespace FanOut.Storage.Health;

/// <summary>Is the delivery queue reachable? Reads its properties (approximate message count).</summary>
public sealed class QueueHealthProbe(QueueClient queue) : IHealthProbe
{
    public string Name => "queue";

    public async Task<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        await queue.GetPropertiesAsync(cancellationToken);
        return new ProbeResult(Name, true, 0, null);
    }
}
