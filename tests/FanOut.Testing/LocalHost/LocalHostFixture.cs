using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using FanOut.LocalHost.Azurite;
using FanOut.LocalHost.SignalRService;
using FanOut.Testing.SignalR;
using Xunit;

namespace FanOut.Testing.LocalHost;

/// <summary>
/// The service as a newcomer runs it, for one test class: an in-memory Azurite, the SignalR Service
/// stand-in (in this process, so clients stay connected while the host restarts), and the local host
/// process reading the committed settings sample (the open <c>chat</c> hub and its development publisher
/// key), all on free loopback ports. Subclasses add settings. Tests use their own group names.
/// </summary>
public class LocalHostFixture : IAsyncLifetime
{
    /// <summary>The development publisher key of the sample's <c>chat</c> hub.</summary>
    public const string DevPublisherKey = "local-dev-publisher-key";

    public const string SignalRAccessKey = "TEST-ACCESS-KEY-0123456789abcdefghijklmnopqrstuvwxyz";

    private AzuriteProcess? _azurite;
    private SignalRStandIn? _signalR;
    private StandInProcess? _signalRProcess;
    private LocalHostProcess? _host;

    public LocalHostProcess Host => _host ?? throw new InvalidOperationException("The local host has not started.");

    /// <summary>HTTP to the host as the <c>chat</c> hub's publisher (the development key).</summary>
    public HttpClient Http => Host.PublisherHttp;

    /// <summary>HTTP to the host without any credential.</summary>
    public HttpClient AnonymousHttp => Host.Http;

    /// <summary>The host's queues, for looking behind its back (queue depths).</summary>
    public QueueServiceClient Queues => new(
        (_azurite ?? throw new InvalidOperationException("Azurite has not started.")).ConnectionString,
        new QueueClientOptions(QueueClientOptions.ServiceVersion.V2025_11_05));

    /// <summary>Run the stand-in as <c>FanOut.LocalHost signalr</c> in a process of its own, not in the test process.</summary>
    protected virtual bool StandInInItsOwnProcess => false;

    /// <summary>Settings beyond the sample's, as environment variables (<c>FanOut__Hubs__admin__...</c>).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public static string UniqueGroup(string prefix = "g") => prefix + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A real @microsoft/signalr client connected through the app's negotiate endpoint.</summary>
    public Task<NodeSignalRClient> ConnectAsync(string hub, string? userId = null, params string[] targets) =>
        NodeSignalRClient.StartAsync(NodeSignalRClientOptions.ForAppNegotiate(Host.BaseUrl, hub, userId, targets));

    public Task<HttpResponseMessage> PublishAsync(string hub, string group, string @event, object? data) =>
        Http.PostAsJsonAsync(new Uri($"/api/hubs/{hub}/groups/{group}/messages", UriKind.Relative), new { @event, data });

    /// <summary>Publishes <paramref name="body"/> exactly as given (bytes, content type, extra headers such as Idempotency-Key) as the publisher.</summary>
    public async Task<HttpResponseMessage> PublishRawAsync(
        string hub, string group, byte[] body, string contentType = "application/json", IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/hubs/{hub}/groups/{group}/messages", UriKind.Relative));
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Kills this fixture's Azurite (by PID), as when Storage goes down under the service.</summary>
    public async Task StopStorageAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    public async Task<JsonElement> HistoryAsync(string hub, string group, long after = 0, int? limit = null)
    {
        var query = $"?after={after}" + (limit is null ? "" : $"&limit={limit}");
        return await Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/hubs/{hub}/groups/{group}/messages{query}", UriKind.Relative));
    }

    /// <summary>Polls the history until it holds at least <paramref name="count"/> messages (delivery is asynchronous), then returns it.</summary>
    public async Task<JsonElement> WaitForHistoryAsync(string hub, string group, int count, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var history = await HistoryAsync(hub, group, limit: 1000);
            if (history.GetProperty("messages").GetArrayLength() >= count)
            {
                return history;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"History of {hub}/{group} did not reach {count} messages in time.\n{Host.Output}");
            }

            await Task.Delay(50);
        }
    }

    public virtual async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(new AzuriteOptions());
        var port = FreePort.Next();
        var upstream = $"http://127.0.0.1:{port}/api/upstream/{{hub}}/{{category}}/{{event}}";
        string signalR;
        if (StandInInItsOwnProcess)
        {
            _signalRProcess = await StandInProcess.StartAsync(SignalRAccessKey, upstream);
            signalR = _signalRProcess.ConnectionString;
        }
        else
        {
            _signalR = await SignalRStandIn.StartAsync(new SignalRStandInOptions
            {
                Url = new Uri("http://127.0.0.1:0"),
                AccessKey = SignalRAccessKey,
                UpstreamUrlTemplate = upstream,
                CorsOrigins = ["*"],
            });
            signalR = _signalR.ConnectionString(SignalRAccessKey);
        }

        _host = await LocalHostProcess.StartAsync(port, _azurite.ConnectionString, signalR, DevPublisherKey, Settings);
    }

    public virtual async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_signalR is not null)
        {
            await _signalR.DisposeAsync();
        }

        if (_signalRProcess is not null)
        {
            await _signalRProcess.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
