namespace FanOut.LocalHost.SignalRService;

/// <summary>
/// One ASP.NET Core hub serves every hub name, so groups are named per hub: <c>{hub}:{group}</c>, and
/// the hub-wide group is the bare <c>{hub}</c>. Hub names (letters, digits, '_') never hold ':', so
/// two hubs never share a group and no group name can collide with a hub-wide group. Hub names are
/// compared case-insensitively, as Azure SignalR Service does (they are lower-cased here).
/// </summary>
internal static class HubGroupNames
{
    public static string Normalize(string hub) => hub.ToLowerInvariant();

    public static string HubWide(string hub) => Normalize(hub);

    public static string Group(string hub, string group) => Normalize(hub) + ":" + group;
}
