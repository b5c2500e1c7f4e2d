using Azure.Data.Tables;
using FanOut.Core.Health;

namespace FanOut.Storage.Health;

/// <summary>Is the history table reachable? Reads at most one entity from it.</summary>
public sealed class TableHealthProbe(TableClient table) : IHealthProbe
{
    public string Name => "table";

    public async Task<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
        {
            break;
        }

        return new ProbeResult(Name, true, 0, null);
    }
}
