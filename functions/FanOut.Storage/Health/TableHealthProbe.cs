using FanOut.Core.Health;
using FanOut.Storage.Tables;

namespace FanOut.Storage.Health;

/// <summary>Is the history table reachable? Reads at most one entity from it.</summary>
public sealed class TableHealthProbe(TableClient table) : IHealthProbe
{
    public string Name => "table";

    public async Task<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        await table.QueryAsync(null, 1, null, cancellationToken);
        return new ProbeResult(Name, true, 0, null);
    }
}
