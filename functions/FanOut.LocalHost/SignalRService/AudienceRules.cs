using System.Net;

namespace FanOut.LocalHost.SignalRService;

/// <summary>
/// Which token audiences the stand-in accepts. Checked: the path (REST: the request path; clients:
/// <c>/client/</c> with <c>?hub=</c> naming the hub asked for, case-insensitively) and the host (equal to the
/// request's, or both loopback: <c>localhost</c>, <c>127.0.0.1</c>, <c>::1</c>). Not checked: scheme and port,
/// because the app signs with the connection string's Endpoint (<c>http://localhost:7071</c>) while tests
/// bind random ports on 127.0.0.1.
/// </summary>
internal static class AudienceRules
{
    public static bool IsRestAudience(string audience, HttpRequest request) =>
        Uri.TryCreate(audience, UriKind.Absolute, out var uri)
        && SameHost(uri, request)
        && string.Equals(
            Uri.UnescapeDataString(uri.AbsolutePath).TrimEnd('/'),
            (request.PathBase + request.Path).Value?.TrimEnd('/'),
            StringComparison.OrdinalIgnoreCase);

    public static bool IsClientAudience(string audience, string hub, HttpRequest request) =>
        Uri.TryCreate(audience, UriKind.Absolute, out var uri)
        && SameHost(uri, request)
        && string.Equals(uri.AbsolutePath.TrimEnd('/'), ServiceClientHub.Path, StringComparison.OrdinalIgnoreCase)
        && string.Equals(QueryValue(uri, "hub"), hub, StringComparison.OrdinalIgnoreCase);

    private static bool SameHost(Uri audience, HttpRequest request)
    {
        var requestHost = request.Host.Host;
        return string.Equals(audience.IdnHost, requestHost, StringComparison.OrdinalIgnoreCase)
            || (IsLoopback(audience.IdnHost) && IsLoopback(requestHost));
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static string? QueryValue(Uri uri, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query).TryGetValue(name, out var values)
            ? values.ToString()
            : null;
}
