using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using FanOut.LocalHost.Azurite;

namespace FanOut.IntegrationTests.Storage;

public sealed class AzuriteProcessTests
{
    [Fact]
    public async Task Start_WithLocation_KeepsQueuesAndTablesAcrossRestartsAndDisposeStopsEveryProcess()
    {
        var location = Path.Combine(Path.GetTempPath(), "azurite-" + Guid.NewGuid().ToString("N"));
        try
        {
            IReadOnlyList<int> firstPids;
            await using (var first = await AzuriteProcess.StartAsync(new AzuriteOptions { Location = location }))
            {
                firstPids = first.ProcessIds;
                var queue = Queue(first.ConnectionString);
                await queue.CreateIfNotExistsAsync();
                await queue.SendMessageAsync("survives");
                var table = Table(first.ConnectionString);
                await table.CreateIfNotExistsAsync();
                await table.AddEntityAsync(new TableEntity("p", "r") { ["Text"] = "survives" });
            }

            await using var second = await AzuriteProcess.StartAsync(new AzuriteOptions { Location = location });

            Assert.Equal(1, (await Queue(second.ConnectionString).GetPropertiesAsync()).Value.ApproximateMessagesCount);
            Assert.Equal("survives", (await Table(second.ConnectionString).GetEntityAsync<TableEntity>("p", "r")).Value.GetString("Text"));
            Assert.Equal(3, firstPids.Count);
            Assert.All(firstPids, pid => Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid)));
        }
        finally
        {
            Directory.Delete(location, recursive: true);
        }
    }

    private static TableClient Table(string connectionString) => new(connectionString, "kept");

    private static QueueClient Queue(string connectionString) =>
        new(connectionString, "kept", new QueueClientOptions(QueueClientOptions.ServiceVersion.V2025_11_05));
}
