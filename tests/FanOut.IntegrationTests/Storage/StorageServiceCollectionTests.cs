using FanOut.Core;
using FanOut.Core.Health;
using FanOut.Core.History;
using FanOut.Core.Publishing;
using FanOut.Storage;
using FanOut.Storage.Health;
using FanOut.Storage.Provisioning;
using FanOut.Storage.Queues;
using FanOut.Testing.Azurite;
using Microsoft.Extensions.DependencyInjection;

namespace FanOut.IntegrationTests.Storage;

public sealed class StorageServiceCollectionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AddFanOutStorage_AfterProvisioning_ResolvesPortsAndHealthyProbes()
    {
        await using var services = new ServiceCollection()
            .AddSingleton(azurite.CreateConfiguration())
            .AddLogging()
            .AddFanOutStorage()
            .BuildServiceProvider();

        await services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(CancellationToken.None);
        var probes = services.GetServices<IHealthProbe>().ToList();
        var results = await Task.WhenAll(probes.Select(p => p.CheckAsync(CancellationToken.None)));

        Assert.NotNull(services.GetRequiredService<IDeliveryQueue>());
        Assert.NotNull(services.GetRequiredService<IHistoryStore>());
        Assert.Equal(["queue", "table"], results.Select(r => r.Name).Order());
        Assert.All(results, r => Assert.True(r.Healthy));
        Assert.Equal(0, await services.GetRequiredService<IQueueClientFactory>().GetQueue(FanOutNames.PoisonQueue).GetApproximateCountAsync());
    }

    [Fact]
    public async Task QueueHealthProbe_WhenQueueMissing_ThrowsSoTheHealthCheckReportsIt()
    {
        var probe = new QueueHealthProbe(azurite.Account.GetQueue(AzuriteFixture.UniqueName("q")));

        var error = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => probe.CheckAsync(CancellationToken.None));

        Assert.Equal(404, error.Status);
    }
}
