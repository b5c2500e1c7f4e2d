using FanOut.LocalHost.SignalRService.Rest;
using FanOut.SignalR.Connection;
using FanOut.SignalR.Tokens;

namespace FanOut.LocalHost.SignalRService;

/// <summary>
/// A local stand-in for Azure SignalR Service (serverless mode) served by the local host itself: the
/// <c>/client</c> hub clients connect to after negotiating, and the data-plane REST API the app calls
/// at the connection string's Endpoint. It checks AccessKey tokens like the service does.
/// </summary>
public static class SignalRServiceStandInExtensions
{
    /// <summary>SignalR, the stand-in's token validator (AccessKey of <c>AzureSignalRConnectionString</c>) and the <see cref="StandInCors.PolicyName"/> CORS policy.</summary>
    public static IHostApplicationBuilder AddSignalRServiceStandIn(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<ConnectionRegistry>();
        builder.Services.AddSingleton(sp => new AccessKeyTokenValidator(ReadAccessKey(sp.GetRequiredService<IConfiguration>())));
        builder.Services.AddSingleton(sp => new AccessKeyTokenIssuer(ReadAccessKey(sp.GetRequiredService<IConfiguration>())));
        StandInCors.AddPolicy(builder.Services, builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Call right after <c>Build()</c>, before <c>UseCors</c>, <c>UseRouting</c> and the app's <c>Map*</c>:
    /// REST calls (they alone carry <c>api-version</c>) branch off before the app's own <c>/api/hubs/...</c>
    /// endpoints can run, and <c>/client</c> gets its CORS and token check before the hub.
    /// </summary>
    public static WebApplication UseSignalRServiceStandIn(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Azure SignalR's REST paths (/api/hubs/{hub}/groups/{group}/connections/{id}, /api/health) collide
        // with the app's own API on this host; every service REST call carries ?api-version= and no app
        // API call does, so that query parameter alone decides. The branch is terminal: app endpoints never run for it.
        app.MapWhen(StandInRestApi.IsServiceRestCall, rest => rest.Run(StandInRestApi.HandleAsync));

        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(ServiceClientHub.Path),
            client => client.UseCors(StandInCors.PolicyName).UseMiddleware<ClientTokenMiddleware>());
        app.MapHub<ServiceClientHub>(ServiceClientHub.Path);
        return app;
    }

    private static string ReadAccessKey(IConfiguration configuration) =>
        SignalRServiceEndpoint.FromConfiguration(configuration).AccessKey
        ?? throw new InvalidOperationException(
            "The local SignalR stand-in checks tokens with an AccessKey: set AzureSignalRConnectionString to " +
            "'Endpoint=http://localhost:7071;AccessKey=<at least 32 characters>;Version=1.0;'.");
}
