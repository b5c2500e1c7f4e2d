using FanOut.Core.Delivery;
using FanOut.Core.Health;
using FanOut.Core.Membership;
using FanOut.Core.Negotiation;
using FanOut.SignalR.Negotiation;
using FanOut.SignalR;
using FanOut.SignalR.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FanOut.UnitTests.SignalR;

public class SignalRServiceCollectionTests
{
    [Fact]
    public void AddFanOutSignalR_RegistersEveryPortFromConfiguration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create("AzureSignalRConnectionString", (string?)TestKeys.ConnectionString)])
            .Build();
        using var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddFanOutSignalR()
            .BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<IBroadcaster>());
        Assert.NotNull(provider.GetRequiredService<IGroupMembership>());
        Assert.IsType<ServiceNegotiator>(provider.GetRequiredService<IClientNegotiator>());
        Assert.Contains(provider.GetServices<IHealthProbe>(), p => p is SignalRHealthProbe);
    }
}
