using System.Collections.Concurrent;

namespace FanOut.LocalHost.SignalRService;

/// <summary>Which hub each live connection belongs to, so REST group calls can answer 404 for unknown connections.</summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, string> _hubs = new(StringComparer.Ordinal);

    internal void Add(string connectionId, string hub) => _hubs[connectionId] = HubGroupNames.Normalize(hub);

    internal void Remove(string connectionId) => _hubs.TryRemove(connectionId, out _);

    /// <summary>True when <paramref name="connectionId"/> is connected to <paramref name="hub"/>.</summary>
    public bool IsConnected(string hub, string connectionId) =>
        _hubs.TryGetValue(connectionId, out var actual) && actual == HubGroupNames.Normalize(hub);
}
