using System.Collections.Concurrent;

namespace FanOut.LocalHost.SignalRService;

/// <summary>
/// Azure SignalR's user groups: a user's membership, which applies to every connection the user has or
/// opens later. Kept in memory (the real service keeps it across connections; this stand-in for as long
/// as it runs).
/// </summary>
public sealed class UserGroups
{
    private readonly ConcurrentDictionary<(string Hub, string UserId), ConcurrentDictionary<string, byte>> _groups = new();

    public void Add(string hub, string userId, string group) =>
        _groups.GetOrAdd((HubGroupNames.Normalize(hub), userId), _ => new(StringComparer.Ordinal))[group] = 0;

    public bool Remove(string hub, string userId, string group) =>
        _groups.TryGetValue((HubGroupNames.Normalize(hub), userId), out var groups) && groups.TryRemove(group, out _);

    public bool Contains(string hub, string userId, string group) =>
        _groups.TryGetValue((HubGroupNames.Normalize(hub), userId), out var groups) && groups.ContainsKey(group);

    public IReadOnlyList<string> Of(string hub, string userId) =>
        _groups.TryGetValue((HubGroupNames.Normalize(hub), userId), out var groups) ? [.. groups.Keys] : [];
}
