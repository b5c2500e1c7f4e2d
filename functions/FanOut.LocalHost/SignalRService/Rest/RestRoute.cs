namespace FanOut.LocalHost.SignalRService.Rest;

/// <summary>
/// The REST operations the stand-in serves, parsed from a decoded request path (2022-06-01 paths, and
/// <c>:generateToken</c>), with the methods each answers.
/// </summary>
internal sealed record RestRoute(RestOperation Operation, string? Hub = null, string? Group = null, string? ConnectionId = null, string? UserId = null)
{
    public static RestRoute? Parse(PathString path)
    {
        var s = (path.Value ?? string.Empty).Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        return s switch
        {
            ["api", "health"] => new(RestOperation.Health),
            ["api", "hubs", var hub, ":send"] => new(RestOperation.SendToHub, hub),
            ["api", "hubs", var hub, ":generateToken"] => new(RestOperation.GenerateToken, hub),
            ["api", "hubs", var hub, "groups", var group, ":send"] => new(RestOperation.SendToGroup, hub, group),
            ["api", "hubs", var hub, "users", var user, ":send"] => new(RestOperation.SendToUser, hub, UserId: user),
            ["api", "hubs", var hub, "connections", var id, ":send"] => new(RestOperation.SendToConnection, hub, ConnectionId: id),
            ["api", "hubs", var hub, "connections", var id] => new(RestOperation.Connection, hub, ConnectionId: id),
            ["api", "hubs", var hub, "groups", var group, "connections", var id] => new(RestOperation.GroupConnection, hub, group, id),
            ["api", "hubs", var hub, "users", var user, "groups", var group] => new(RestOperation.UserGroup, hub, group, UserId: user),
            _ => null,
        };
    }

    /// <summary>The HTTP methods the operation answers.</summary>
    public IReadOnlyList<string> Methods => Operation switch
    {
        RestOperation.Health or RestOperation.Connection => [HttpMethods.Head, HttpMethods.Get],
        RestOperation.GroupConnection => [HttpMethods.Put, HttpMethods.Delete],
        RestOperation.UserGroup => [HttpMethods.Put, HttpMethods.Delete, HttpMethods.Head, HttpMethods.Get],
        _ => [HttpMethods.Post],
    };
}
