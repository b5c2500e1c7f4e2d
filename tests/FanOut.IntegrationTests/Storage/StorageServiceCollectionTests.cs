using Azure.Data.Tables;
using Azure.Storage.Queues;
using FanOut.Core;
using FanOut.Core.Health;
using FanOut.Core.History;
using FanOut.Core.Publishing;
using FanOut.Storage;
using FanOut.Storage.Health;
using FanOut.Storage.Provisioning;
using FanOut.Testing.Azurite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FanOut.IntegrationTests.Storage;

public sealed class StorageServiceCollectionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AddFanOutStorage_AfterProvisioning_ResolvesPortsAndHealthyProbes()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddFanOutStorage(azurite.CreateConfiguration());
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(CancellationToken.None);
        var results = await Task.WhenAll(provider.GetServices<IHealthProbe>().Select(p => p.CheckAsync(CancellationToken.None)));

        Assert.NotNull(provider.GetRequiredService<IDeliveryQueue>());
        Assert.NotNull(provider.GetRequiredService<IHistoryStore>());
        Assert.NotNull(provider.GetRequiredService<IIdempotencyStore>());
        Assert.Equal(["queue", "table"], results.Select(r => r.Name).Order());
        Assert.All(results, r => Assert.True(r.Healthy));
        var poison = provider.GetRequiredKeyedService<QueueClient>(FanOutNames.PoisonQueue);
        Assert.True(await poison.ExistsAsync());
    }

    [Fact]
    public async Task QueueHealthProbe_WhenQueueMissing_ThrowsSoTheHealthCheckReportsIt()
    {
        var probe = new QueueHealthProbe(azurite.Queues.GetQueueClient(AzuriteFixture.UniqueName("q")));

        var error = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => probe.CheckAsync(CancellationToken.None));

        Assert.Equal(404, error.Status);
    }

    [Theory]
    [InlineData("queueServiceUri", "tableServiceUri", "blobServiceUri")]
    [InlineData("accountName", null, null)]
    public void AddFanOutStorage_WithIdentityBasedSettings_AimsTheClientsAtTheAccount(string queueKey, string? tableKey, string? blobKey)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{FanOutNames.StorageConnection}:credential"] = "managedidentity",
            [$"{FanOutNames.StorageConnection}:clientId"] = "00000000-0000-0000-0000-000000000001",
            [$"{FanOutNames.StorageConnection}:{queueKey}"] = queueKey == "accountName" ? "stfanout" : "https://stfanout.queue.core.windows.net",
        };
        if (tableKey is not null)
        {
            settings[$"{FanOutNames.StorageConnection}:{tableKey}"] = "https://stfanout.table.core.windows.net";
            settings[$"{FanOutNames.StorageConnection}:{blobKey}"] = "https://stfanout.blob.core.windows.net";
        }

        var services = new ServiceCollection().AddLogging();
        services.AddFanOutStorage(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.BuildServiceProvider();

        Assert.Equal("https://stfanout.queue.core.windows.net/", provider.GetRequiredService<QueueServiceClient>().Uri.ToString());
        Assert.Equal("https://stfanout.table.core.windows.net/", provider.GetRequiredService<TableServiceClient>().Uri.ToString());
        Assert.Equal("https://stfanout.blob.core.windows.net/", provider.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>().Uri.ToString());
    }

    [Fact]
    public void AddFanOutStorage_WithoutAConnection_SaysWhichSettingIsMissing()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddFanOutStorage(new ConfigurationBuilder().Build()));

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
    }
}
