using System.Globalization;
using Azure.Core;

namespace FanOut.SignalR.Rest;

/// <summary>
/// Builds the data-plane REST URLs: <c>/api/hubs/{hub}/...</c> with every name percent-encoded, the
/// API version, and optional query values (<c>excluded</c> may repeat).
/// </summary>
internal static class RestRequestUris
{
    public static RequestUriBuilder Health(Uri endpoint) => Create(endpoint, "/api/health", SignalRRestClientOptions.ApiVersion, []);

    /// <summary><c>/api/hubs/{hub}</c> followed by <paramref name="segments"/>: names are escaped, <c>:operations</c> and fixed words are not.</summary>
    public static RequestUriBuilder Hub(Uri endpoint, string hub, IEnumerable<string> segments, IEnumerable<(string Name, string Value)>? query = null, string? apiVersion = null)
    {
        var path = "/api/hubs/" + Uri.EscapeDataString(hub) + string.Concat(segments.Select(s => "/" + s));
        return Create(endpoint, path, apiVersion ?? SignalRRestClientOptions.ApiVersion, query ?? []);
    }

    public static string Name(string value) => Uri.EscapeDataString(value);

    public static IEnumerable<(string, string)> Excluded(IEnumerable<string>? connectionIds) =>
        (connectionIds ?? []).Select(id => ("excluded", id));

    public static string Minutes(TimeSpan lifetime) =>
        ((int)Math.Max(1, Math.Ceiling(lifetime.TotalMinutes))).ToString(CultureInfo.InvariantCulture);

    private static RequestUriBuilder Create(Uri endpoint, string path, string apiVersion, IEnumerable<(string Name, string Value)> query)
    {
        var uri = new RequestUriBuilder();
        uri.Reset(endpoint);
        uri.AppendPath(path, escape: false);
        uri.AppendQuery("api-version", apiVersion, escapeValue: true);
        foreach (var (name, value) in query)
        {
            uri.AppendQuery(name, value, escapeValue: true);
        }

        return uri;
    }
}
