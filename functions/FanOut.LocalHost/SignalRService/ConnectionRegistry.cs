using System.Collections.Concurrent;

namespace FanOut.LocalHost.SignalRService;

/// <summary>
/// Which hub each live connection belongs to, so REST group calls can answer 404 for unknown connections.
/// A connection is registered in the hub's OnConnectedAsync, which ASP.NET Core SignalR runs just
/// after the handshake: a client may already know its id (and ask to join a group) a moment before.
/// Azure SignalR Service knows a connection from the handshake on, hence <see cref="WaitUntilConnectedAsync"/>.
/// </summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, string> _hubs = new(StringComparer.Ordinal);

    internal void Add(string connectionId, string hub) => _hubs[connectionId] = HubGroupNames.Normalize(hub);

    internal void Remove(string connectionId) => _hubs.TryRemove(connectionId, out _);

    /// <summary>How long a group call waits for a just-connected client to be registered.</summary>
    public static readonly TimeSpan RegistrationGrace = TimeSpan.FromSeconds(3);

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

    /// <summary>True when <paramref name="connectionId"/> is connected to <paramref name="hub"/>.</summary>
    public bool IsConnected(string hub, string connectionId) =>
        _hubs.TryGetValue(connectionId, out var actual) && actual == HubGroupNames.Normalize(hub);
}
