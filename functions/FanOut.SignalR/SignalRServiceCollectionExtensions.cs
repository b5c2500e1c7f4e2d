using FanOut.Core.Delivery;
using FanOut.Core.Health;
using FanOut.Core.Membership;
using FanOut.Core.Negotiation;
using FanOut.Core.Rooms;
using FanOut.SignalR.Connection;
using FanOut.SignalR.Delivery;
using FanOut.SignalR.Health;
using FanOut.SignalR.Membership;
using FanOut.SignalR.Negotiation;
using FanOut.SignalR.Rest;
using FanOut.SignalR.Rooms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace FanOut.SignalR;

public static class SignalRServiceCollectionExtensions
{
    /// <summary>
    /// The SignalR adapters of the core's ports (broadcaster, group membership, negotiator, health probe
    /// "signalr") over <see cref="SignalRRestClient"/>, all resolved lazily from
    /// <see cref="Core.FanOutNames.SignalRConnection"/> in <see cref="IConfiguration"/>.
    /// </summary>
    public static IServiceCollection AddFanOutSignalR(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => SignalRServiceEndpoint.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(new SignalRRestClientOptions());
        services.TryAddSingleton(sp => new SignalRRestClient(sp.GetRequiredService<SignalRServiceEndpoint>(), sp.GetRequiredService<SignalRRestClientOptions>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IBroadcaster, SignalRBroadcaster>();
        services.TryAddSingleton<IGroupMembership, SignalRGroupMembership>();
        services.TryAddSingleton<IClientNegotiator, ServiceNegotiator>();
        services.TryAddSingleton<SignalRRoomEvents>();
        services.TryAddSingleton<IRoomEventSender>(sp => sp.GetRequiredService<SignalRRoomEvents>());
        services.TryAddSingleton<IConnectionProbe>(sp => sp.GetRequiredService<SignalRRoomEvents>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthProbe, SignalRHealthProbe>());
        return services;
    }
}
