using System.Collections.Concurrent;

namespace FanOut.LocalHost.SignalRService;

/// <summary>
/// The live connections: each one's hub and user, and each user's connections, so user groups can
/// follow a user's connections and REST calls can answer 404 for unknown ones. A connection is registered
/// in the hub's OnConnectedAsync, which runs just after the handshake: a client may know its id (and ask
/// to join a group) a moment before. Azure SignalR Service knows a connection from the handshake on,
/// hence <see cref="WaitUntilConnectedAsync"/>.
/// </summary>
public sealed class ConnectionRegistry
{
    /// <summary>How long a group call waits for a just-connected client to be registered.</summary>
    public static readonly TimeSpan RegistrationGrace = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<string, (string Hub, string? UserId)> _connections = new(StringComparer.Ordinal);

    internal void Add(string connectionId, string hub, string? userId) => _connections[connectionId] = (HubGroupNames.Normalize(hub), userId);

    internal void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    /// <summary>The ids of <paramref name="userId"/>'s live connections to <paramref name="hub"/>.</summary>
    public IReadOnlyList<string> ConnectionsOf(string hub, string userId)
    {
        var normalized = HubGroupNames.Normalize(hub);
        return _connections.Where(c => c.Value.Hub == normalized && c.Value.UserId == userId).Select(c => c.Key).ToList();
    }

    /// <summary>True when <paramref name="connectionId"/> is connected to <paramref name="hub"/>.</summary>
    public bool IsConnected(string hub, string connectionId) =>
        _connections.TryGetValue(connectionId, out var actual) && actual.Hub == HubGroupNames.Normalize(hub);

    /// <summary>True once <paramref name="connectionId"/> is connected to <paramref name="hub"/>, false if it is not within <see cref="RegistrationGrace"/>.</summary>
    public async Task<bool> WaitUntilConnectedAsync(string hub, string connectionId, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + RegistrationGrace;
        while (!IsConnected(hub, connectionId))
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(10, cancellationToken);
        }

        return true;
    }
}
