namespace FanOut.Api;

/// <summary>The HTTP routes, relative to the <c>/api</c> prefix (the Functions host's default route prefix).</summary>
public static class ApiRoutes
{
    public const string Prefix = "api";
    public const string Messages = "hubs/{hub}/groups/{group}/messages";
    public const string HubMessages = "hubs/{hub}/messages";
    public const string UserMessages = "hubs/{hub}/users/{userId}/messages";
    public const string Webhook = "hubs/{hub}/groups/{group}/webhooks/{source}";
    public const string Presence = "hubs/{hub}/groups/{group}/presence";
    public const string GroupUser = "hubs/{hub}/groups/{group}/users/{userId}";
    public const string GroupConnection = "hubs/{hub}/groups/{group}/connections/{connectionId}";
    public const string Negotiate = "hubs/{hub}/negotiate";
    public const string Upstream = "upstream/{hub}/{category}/{event}";
    public const string Health = "health";

    // The admin API lives under "manage/", not "admin/": the Functions host refuses any route that starts
    // with "admin" (or "runtime"), even under the "api" prefix (azure-functions-host#1781).
    public const string AdminStats = "manage/stats";
    public const string AdminPoison = "manage/poison";
    public const string AdminPoisonReplay = "manage/poison/{messageId}/replay";

    /// <summary>The chat page, the dashboard and the client library on the Functions host (the local host serves them at the root).</summary>
    public const string Site = "ui/{*path}";
}
