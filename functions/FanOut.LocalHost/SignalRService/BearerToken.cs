namespace FanOut.LocalHost.SignalRService;

/// <summary>Where callers put their token: <c>Authorization: Bearer</c>, or <c>access_token</c> in the query (browser WebSockets and SSE).</summary>
internal static class BearerToken
{
    public static string? Read(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : request.Query["access_token"].ToString();
    }
}
