using System.Diagnostics;
using FanOut.LocalHost.Azurite;
using FanOut.Storage.Connections;

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
                var queue = StorageAccount.FromConnectionString(first.ConnectionString).GetQueue("kept");
                await queue.CreateIfNotExistsAsync();
                await queue.SendAsync("survives");
            }

            await using var second = await AzuriteProcess.StartAsync(new AzuriteOptions { Location = location });
            var again = StorageAccount.FromConnectionString(second.ConnectionString).GetQueue("kept");

            Assert.Equal(1, await again.GetApproximateCountAsync());
            Assert.Throws<ArgumentException>(() => Process.GetProcessById(firstPid));
        }
        finally
        {
            Directory.Delete(location, recursive: true);
        }
    }
}
