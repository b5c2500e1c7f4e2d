using System.Text.Encodings.Web;
using FanOut.LocalHost.SignalRService.Rest;
using FanOut.LocalHost.SignalRService.Upstream;
using FanOut.SignalR.Tokens;

namespace FanOut.LocalHost.SignalRService;

/// <summary>
/// A local stand-in for Azure SignalR Service in serverless mode, on its own port as the service's own
/// emulator runs: the data-plane REST API (sends, connection and user groups, <c>:generateToken</c>,
/// health), the <c>/client</c> endpoint clients connect to with the tokens it issues, and upstream calls
/// to the app for connection events and client invocations, signed with the AccessKey. The app's code
/// talks to it exactly as it talks to Azure. Development only: nothing here ships.
/// </summary>
public sealed class SignalRStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SignalRStandIn(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>Where it listens (the port filled in when 0 was asked for).</summary>
    public Uri Url { get; }

    /// <summary>The connection string the app uses for this stand-in.</summary>
    public string ConnectionString(string accessKey) => $"Endpoint={Url.GetLeftPart(UriPartial.Authority)};AccessKey={accessKey};Version=1.0;";

    public static async Task<SignalRStandIn> StartAsync(SignalRStandInOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Url.GetLeftPart(UriPartial.Authority));
        if (loggerFactory is not null)
        {
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.Services.AddSignalR().AddJsonProtocol(json => json.PayloadSerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ConnectionRegistry>();
        builder.Services.AddSingleton<UserGroups>();
        builder.Services.AddSingleton(new AccessKeyTokenValidator(options.AccessKey));
        builder.Services.AddSingleton(new AccessKeyTokenIssuer(options.AccessKey));
        builder.Services.AddHttpClient<UpstreamClient>();
        StandInCors.AddPolicy(builder.Services, options.CorsOrigins);

        var app = builder.Build();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(ServiceClientHub.Path),
            client => client.UseCors(StandInCors.PolicyName).UseMiddleware<ClientTokenMiddleware>());
        app.MapHub<ServiceClientHub>(ServiceClientHub.Path);
        app.Map("/api/{**path}", StandInRestApi.HandleAsync);
        await app.StartAsync(cancellationToken);

        var address = new Uri(app.Urls.First());
        return new SignalRStandIn(app, new UriBuilder(options.Url) { Port = address.Port }.Uri);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
