using FanOut.Core.Health;
using FanOut.Storage.Queues;

namespace FanOut.Storage.Health;

/// <summary>Is the delivery queue reachable? Asks for its approximate message count.</summary>
public sealed class QueueHealthProbe(QueueClient queue) : IHealthProbe
{
    public string Name => "queue";

    public async Task<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        await queue.GetApproximateCountAsync(cancellationToken);
        return new ProbeResult(Name, true, 0, null);
    }
}
