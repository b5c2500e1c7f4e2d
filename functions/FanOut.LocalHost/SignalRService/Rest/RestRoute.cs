namespace FanOut.LocalHost.SignalRService.Rest;

/// <summary>
/// The REST operations the stand-in serves, parsed from a decoded request path:
/// <c>/api/health</c>, <c>/api/hubs/{hub}/:send</c>, <c>/api/hubs/{hub}/groups/{group}/:send</c>,
/// <c>/api/hubs/{hub}/groups/{group}/connections/{connectionId}</c>.
/// </summary>
internal sealed record RestRoute(RestOperation Operation, string? Hub = null, string? Group = null, string? ConnectionId = null)
{
    public static RestRoute? Parse(PathString path)
    {
        var s = (path.Value ?? string.Empty).Trim('/').Split('/');
        return s switch
        {
            ["api", "health"] => new(RestOperation.Health),
            ["api", "hubs", var hub, ":send"] => new(RestOperation.SendToHub, hub),
            ["api", "hubs", var hub, ":generateToken"] => new(RestOperation.GenerateToken, hub),
            ["api", "hubs", var hub, "groups", var group, ":send"] => new(RestOperation.SendToGroup, hub, group),
            ["api", "hubs", var hub, "groups", var group, "connections", var id] => new(RestOperation.GroupConnection, hub, group, id),
            _ => null,
        };
    }

    /// <summary>The HTTP methods the operation answers.</summary>
    public IReadOnlyList<string> Methods => Operation switch
    {
        RestOperation.Health => [HttpMethods.Head, HttpMethods.Get],
        RestOperation.GroupConnection => [HttpMethods.Put, HttpMethods.Delete],
        _ => [HttpMethods.Post],
    };
}
