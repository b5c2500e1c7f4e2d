using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using FanOut.Core.Negotiation;
using FanOut.LocalHost.SignalRService;
using FanOut.SignalR.Connection;
using FanOut.SignalR.Negotiation;
using FanOut.SignalR.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FanOut.IntegrationTests.SignalR;

/// <summary>
/// The SignalR Service stand-in on a free port, the app-side pieces pointed at it (endpoint, REST client,
/// negotiator), and a recording upstream standing in for the app: it keeps every upstream request and
/// answers the <c>join</c> invocation with its argument, <c>leave</c> with an error and <c>publish</c> with 500.
/// </summary>
public sealed class StandInHostFixture : IAsyncLifetime
{
    public const string AccessKey = "INTEGRATION-TEST-ACCESS-KEY-0123456789abcdefghijkl";
    public const string AllowedOrigin = "http://browser.example";

    private SignalRStandIn? _standIn;
    private WebApplication? _upstream;

    public Uri BaseUri => _standIn?.Url ?? throw new InvalidOperationException("Not started.");

    public SignalRServiceEndpoint Endpoint { get; private set; } = null!;

    public SignalRRestClient Rest { get; private set; } = null!;

    public IClientNegotiator Negotiator { get; private set; } = null!;

    /// <summary>Every upstream request the stand-in made: its headers (lower-case names) and body.</summary>
    public ConcurrentQueue<(string Path, IReadOnlyDictionary<string, string> Headers, string Body)> UpstreamCalls { get; } = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        _upstream = builder.Build();
        _upstream.MapPost("/upstream/{hub}/{category}/{event}", RecordAsync);
        await _upstream.StartAsync();

        _standIn = await SignalRStandIn.StartAsync(new SignalRStandInOptions
        {
            Url = new Uri("http://127.0.0.1:0"),
            AccessKey = AccessKey,
            UpstreamUrlTemplate = _upstream.Urls.Single() + "/upstream/{hub}/{category}/{event}",
            CorsOrigins = [AllowedOrigin, "http://other.example"],
        });

        // The app's setting as in local.settings.json names localhost, while the stand-in listens on 127.0.0.1.
        Endpoint = SignalRServiceEndpoint.Parse($"Endpoint=http://localhost:{BaseUri.Port};AccessKey={AccessKey};Version=1.0;");
        var options = new SignalRRestClientOptions();
        options.Retry.MaxRetries = 0;
        Rest = new SignalRRestClient(Endpoint, options);
        Negotiator = new ServiceNegotiator(Rest, Endpoint);
    }

    public async Task DisposeAsync()
    {
        if (_standIn is not null)
        {
            await _standIn.DisposeAsync();
        }

        if (_upstream is not null)
        {
            await _upstream.StopAsync();
            await _upstream.DisposeAsync();
        }
    }

    /// <summary>A hub name no other test uses.</summary>
    public static string NewHub() => "h" + Guid.NewGuid().ToString("N");

    private async Task<IResult> RecordAsync(HttpRequest request, string @event)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        UpstreamCalls.Enqueue((request.Path, request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body));
        if (!request.Path.Value!.Contains("/messages/", StringComparison.Ordinal))
        {
            return Results.Ok();
        }

        using var invocation = JsonDocument.Parse(body);
        var id = invocation.RootElement.GetProperty("invocationId").GetString();
        return @event switch
        {
            "join" => Results.Text(JsonSerializer.Serialize(new { type = 3, invocationId = id, result = invocation.RootElement.GetProperty("arguments")[0] }) + "\u001e", "application/json"),
            "leave" => Results.Text(JsonSerializer.Serialize(new { type = 3, invocationId = id, error = "forbidden: not today" }) + "\u001e", "application/json"),
            _ => Results.StatusCode(500),
        };
    }
}
