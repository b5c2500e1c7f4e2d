namespace FanOut.Testing.SignalR;

/// <summary>How <see cref="NodeSignalRClient"/> connects: a hub URL (with a token), or an app negotiate base that redirects.</summary>
public sealed record NodeSignalRClientOptions
{
    /// <summary>What <c>withUrl</c> gets: the service's <c>.../client/?hub=h</c>, or the app's <c>.../api/hubs/h</c> (negotiate redirect).</summary>
    public required string Url { get; init; }

    /// <summary>Sent as <c>Bearer</c> on negotiate and connect (the JS client's <c>accessTokenFactory</c>).</summary>
    public string? AccessToken { get; init; }

    /// <summary>Extra HTTP headers for negotiate (and long polling).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Client methods to listen to from the start; more can be added with <see cref="NodeSignalRClient.OnAsync"/>.</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary><c>WebSockets</c>, <c>ServerSentEvents</c> or <c>LongPolling</c>; null lets the client choose.</summary>
    public string? Transport { get; init; }

    /// <summary>How long <see cref="NodeSignalRClient.StartAsync(NodeSignalRClientOptions, CancellationToken)"/> waits for the connection.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Connect through the app's negotiate endpoint: <c>{appBaseUrl}/api/hubs/{hub}[?userId=]</c>, which answers <c>{url, accessToken}</c>.</summary>
    public static NodeSignalRClientOptions ForAppNegotiate(Uri appBaseUrl, string hub, string? userId = null, params string[] targets)
    {
        ArgumentNullException.ThrowIfNull(appBaseUrl);
        var url = $"{appBaseUrl.AbsoluteUri.TrimEnd('/')}/api/hubs/{Uri.EscapeDataString(hub)}";
        return new() { Url = userId is null ? url : $"{url}?userId={Uri.EscapeDataString(userId)}", Targets = targets };
    }

    /// <summary>Connect straight to a hub URL with a token (what a negotiate answer holds).</summary>
    public static NodeSignalRClientOptions ForHub(string url, string? accessToken, params string[] targets) =>
        new() { Url = url, AccessToken = accessToken, Targets = targets };
}
