using System.Diagnostics;
using FanOut.LocalHost.Azurite;
using Azure.Storage.Queues;

namespace FanOut.IntegrationTests.Storage;

public sealed class AzuriteProcessTests
{
    [Fact]
    public async Task Start_WithLocation_KeepsQueuesAcrossRestartsAndDisposeStopsTheProcess()
    {
        var location = Path.Combine(Path.GetTempPath(), "azurite-" + Guid.NewGuid().ToString("N"));
        try
        {
            int firstPid;
            await using (var first = await AzuriteProcess.StartAsync(new AzuriteOptions { Location = location }))
            {
                firstPid = first.ProcessId;
                var queue = Queue(first.ConnectionString);
                await queue.CreateIfNotExistsAsync();
                await queue.SendMessageAsync("survives");
            }

            await using var second = await AzuriteProcess.StartAsync(new AzuriteOptions { Location = location });
            var again = Queue(second.ConnectionString);

            Assert.Equal(1, (await again.GetPropertiesAsync()).Value.ApproximateMessagesCount);
            Assert.Throws<ArgumentException>(() => Process.GetProcessById(firstPid));
        }
        finally
        {
            Directory.Delete(location, recursive: true);
        }
    }

    private static QueueClient Queue(string connectionString) =>
        new(connectionString, "kept", new QueueClientOptions(QueueClientOptions.ServiceVersion.V2025_11_05));
}
