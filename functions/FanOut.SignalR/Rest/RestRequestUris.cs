using Azure.Core;

namespace FanOut.SignalR.Rest;

/// <summary>Builds the data-plane REST URLs (api-version 2022-06-01), percent-encoding every name in the path.</summary>
internal static class RestRequestUris
{
    public static RequestUriBuilder Health(Uri endpoint) => Create(endpoint, "/api/health");

    public static RequestUriBuilder Hub(Uri endpoint, string hub, string pathAfterHub, IEnumerable<string>? excluded = null)
    {
        var uri = new RequestUriBuilder();
        uri.Reset(endpoint);
        uri.AppendPath("/api/hubs/", escape: false);
        uri.AppendPath(hub, escape: true);
        uri.AppendPath(pathAfterHub, escape: false);
        uri.AppendQuery("api-version", SignalRRestClientOptions.ApiVersion, escapeValue: true);
        foreach (var id in excluded ?? [])
        {
            uri.AppendQuery("excluded", id, escapeValue: true);
        }

        return uri;
    }

    /// <summary><c>:generateToken</c> exists from api-version 2022-11-01; the other operations keep 2022-06-01.</summary>
    public static RequestUriBuilder GenerateToken(Uri endpoint, string hub, string? userId, int minutesToExpire)
    {
        var uri = new RequestUriBuilder();
        uri.Reset(endpoint);
        uri.AppendPath("/api/hubs/", escape: false);
        uri.AppendPath(hub, escape: true);
        uri.AppendPath("/:generateToken", escape: false);
        uri.AppendQuery("api-version", SignalRRestClientOptions.TokenApiVersion, escapeValue: true);
        if (userId is not null)
        {
            uri.AppendQuery("userId", userId, escapeValue: true);
        }

        uri.AppendQuery("minutesToExpire", minutesToExpire.ToString(System.Globalization.CultureInfo.InvariantCulture), escapeValue: true);
        return uri;
    }

    public static RequestUriBuilder Group(Uri endpoint, string hub, string group, string pathAfterGroup, IEnumerable<string>? excluded = null) =>
        Hub(endpoint, hub, "/groups/" + Uri.EscapeDataString(group) + pathAfterGroup, excluded);

    private static RequestUriBuilder Create(Uri endpoint, string path)
    {
        var uri = new RequestUriBuilder();
        uri.Reset(endpoint);
        uri.AppendPath(path, escape: false);
        uri.AppendQuery("api-version", SignalRRestClientOptions.ApiVersion, escapeValue: true);
        return uri;
    }
}
