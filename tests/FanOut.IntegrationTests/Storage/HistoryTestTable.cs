using System.Text;
using Azure.Data.Tables;
using FanOut.Core.Diagnostics;
using FanOut.Core.History;
using FanOut.Core.Messages;
using FanOut.Storage.History;
using FanOut.Testing.Azurite;
using Microsoft.Extensions.Time.Testing;

namespace FanOut.IntegrationTests.Storage;

/// <summary>A history table of its own in Azurite, the store and writer over it, and what tests look at underneath them.</summary>
internal sealed class HistoryTestTable(TableClient table, TableHistoryStore store, HistoryWriter writer)
{
    public TableClient Table => table;

    public TableHistoryStore Store => store;

    public HistoryWriter Writer => writer;

    public static async Task<HistoryTestTable> CreateAsync(AzuriteFixture azurite, FanOutMetrics metrics, TimeProvider? clock = null)
    {
        var table = await azurite.CreateTableAsync();
        var store = new TableHistoryStore(table, clock);
        return new HistoryTestTable(table, store, new HistoryWriter(store, metrics));
    }

    /// <summary>A clock far enough ahead that rows committed now are old enough to trim.</summary>
    public static FakeTimeProvider ClockPastTheTrimGrace() => new(DateTimeOffset.UtcNow + TableHistoryStore.TrimGrace + TimeSpan.FromMinutes(1));

    public static QueuedMessage Message(string group, string json = """{"n":1}""") =>
        new(Guid.NewGuid().ToString("N"), "hub", group, "said", RawJson.FromTrustedUtf8(Encoding.UTF8.GetBytes(json)),
            new DateTimeOffset(2026, 1, 2, 3, 4, 5, 123, TimeSpan.Zero));

    /// <summary>The offset the head row itself holds (a checkpoint), as opposed to the last offset.</summary>
    public async Task<long?> StoredHeadAsync(string group)
    {
        var row = await table.GetEntityAsync<TableEntity>(HistoryRows.PartitionKey("hub", group), HistoryRows.HeadRowKey);
        return row.Value.GetInt64("LastOffset");
    }

    /// <summary>Deletes every row of the group's partition, as an operator resetting its history would.</summary>
    public async Task DeletePartitionAsync(string group)
    {
        var pk = HistoryRows.PartitionKey("hub", group);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pk}"), select: ["RowKey"]))
        {
            await table.DeleteEntityAsync(pk, row.RowKey);
        }
    }
}
