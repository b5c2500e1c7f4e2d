using FanOut.Api.Access;
using FanOut.Api.Admin;
using FanOut.Api.Health;
using FanOut.Api.History;
using FanOut.Api.Membership;
using FanOut.Api.Negotiation;
using FanOut.Api.Problems;
using FanOut.Api.Publishing;
using FanOut.Api.Rooms;
using FanOut.Api.Upstream;
using FanOut.Api.Webhooks;
using FanOut.Core;
using FanOut.Core.Access;
using FanOut.Core.Rooms;
using FanOut.Core.Validation;
using FanOut.SignalR;
using FanOut.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FanOut.Api;

public static class FanOutApiHostingExtensions
{
    /// <summary>
    /// Everything both hosts share: the use cases, the Storage and SignalR adapters, hub access (policies
    /// from <c>FanOut__Hubs__*</c>, JWT bearer), the HTTP and upstream handlers, and problem details.
    /// </summary>
    public static IHostApplicationBuilder AddFanOut(this IHostApplicationBuilder builder)
    {
        builder.Services.AddFanOutCore();
        builder.Services.AddFanOutStorage(builder.Configuration);
        builder.Services.AddFanOutSignalR();
        builder.Services.AddFanOutJwt(builder.Configuration);
        builder.Services.AddSingleton<CallerResolver>();
        builder.Services.AddSingleton<HubGate>();
        builder.Services.AddSingleton<PublishRateLimiter>();
        builder.Services.AddSingleton<UpstreamAuthenticator>();
        builder.Services.AddSingleton<ClientEventHandler>();
        builder.Services.AddSingleton<PublishHandler>();
        builder.Services.AddSingleton<HistoryHandler>();
        builder.Services.AddSingleton<MembershipHandler>();
        builder.Services.AddSingleton<NegotiateHandler>();
        builder.Services.AddSingleton<HealthHandler>();
        builder.Services.AddSingleton<UpstreamHandler>();
        builder.Services.AddSingleton<PresenceHandler>();
        builder.Services.AddSingleton<WebhookHandler>();
        builder.Services.AddFanOutAdmin();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DependencyFailureHandler>();
        return builder;
    }

    /// <summary>
    /// A rule in code for the hubs matching <paramref name="hubPattern"/> (like Socket.IO's <c>namespace.use()</c>):
    /// it sees each connect, publish, join and history read the hub's settings allowed, and may refuse it.
    /// </summary>
    public static IServiceCollection AddHubRule(this IServiceCollection services, string hubPattern, Func<HubRequest, CancellationToken, ValueTask<Rejection?>> rule) =>
        services.AddSingleton(new HubRule(hubPattern, rule));

    /// <summary>
    /// The app's own code for the hubs matching <paramref name="hubPattern"/>: runs when a connection comes or
    /// goes and when a user joins or leaves a group (Socket.IO's connection and room events).
    /// </summary>
    public static IServiceCollection OnHubEvent(this IServiceCollection services, string hubPattern, Func<HubEvent, CancellationToken, Task> handler) =>
        services.AddSingleton(new HubEventHandler(hubPattern, handler));
}
