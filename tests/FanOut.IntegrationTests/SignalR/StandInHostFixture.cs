using FanOut.Core.Negotiation;
using FanOut.LocalHost.SignalRService;
using FanOut.SignalR.Connection;
using FanOut.SignalR.Negotiation;
using FanOut.SignalR.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace FanOut.IntegrationTests.SignalR;

/// <summary>
/// A minimal real Kestrel host on a free 127.0.0.1 port serving only the SignalR Service stand-in,
/// plus the app-side pieces pointed at it: endpoint, REST client and negotiator.
/// </summary>
public sealed class StandInHostFixture : IAsyncLifetime
{
    public const string AccessKey = "INTEGRATION-TEST-ACCESS-KEY-0123456789abcdefghijkl";
    public const string AllowedOrigin = "http://browser.example";
    public const string AppApiAnswer = "app api";

    private WebApplication? _app;

    public Uri BaseUri { get; private set; } = null!;

    public SignalRServiceEndpoint Endpoint { get; private set; } = null!;

    public SignalRRestClient Rest { get; private set; } = null!;

    public IClientNegotiator Negotiator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // The app's setting as in local.settings.json: localhost:7071, while this host listens elsewhere.
            ["AzureSignalRConnectionString"] = $"Endpoint=http://localhost:7071;AccessKey={AccessKey};Version=1.0;",
            ["Host:CORS"] = AllowedOrigin + ", http://other.example",
        });
        builder.AddSignalRServiceStandIn();
        _app = builder.Build();
        _app.UseSignalRServiceStandIn();

        // Stands for the app's own API, which shares this path with the service's REST call.
        _app.MapPut("/api/hubs/{hub}/groups/{group}/connections/{connectionId}", () => AppApiAnswer);
        await _app.StartAsync();

        BaseUri = new Uri(_app.Urls.Single());
        Endpoint = SignalRServiceEndpoint.Parse($"Endpoint={BaseUri};AccessKey={AccessKey};Version=1.0;");
        var options = new SignalRRestClientOptions();
        options.Retry.MaxRetries = 0;
        Rest = new SignalRRestClient(Endpoint, options);
        Negotiator = new ServiceNegotiator(Rest, Endpoint);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>A hub name no other test uses.</summary>
    public static string NewHub() => "h" + Guid.NewGuid().ToString("N");
}
