using FanOut.Core.Access;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FanOut.Core.Rooms;

/// <summary>
/// Reacts to connections coming and going and to users joining and leaving groups: keeps presence (for hubs
/// that want it), tells the group's members (for hubs with room events), and runs the app's handlers.
/// Azure SignalR does not promise every disconnect event, so connections it no longer has are swept out
/// (<see cref="SweepIfDueAsync"/>).
/// </summary>
public sealed partial class HubEvents(
    HubPolicies policies,
    IPresenceStore presence,
    IRoomEventSender rooms,
    IConnectionProbe probe,
    IEnumerable<HubEventHandler> handlers,
    IOptions<FanOutOptions> options,
    TimeProvider clock,
    ILogger<HubEvents> logger) : IDisposable
{
    /// <summary>How often presence is checked against the service, and how old a connection must be to be checked.</summary>
    public TimeSpan SweepInterval => options.Value.PresenceSweepInterval;

    private readonly SemaphoreSlim _sweeping = new(1, 1);
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public async Task ConnectedAsync(string hub, string connectionId, string? userId, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        if (Policy(hub) is { Presence: true })
        {
            await presence.AddConnectionAsync(new TrackedConnection(hub, connectionId, userId, at), cancellationToken);
        }

        await NotifyAsync(new HubEvent(HubEventKind.Connected, hub, null, userId, connectionId, at), cancellationToken);
    }

    public async Task DisconnectedAsync(string hub, string connectionId, string? userId, CancellationToken cancellationToken)
    {
        if (Policy(hub) is { Presence: true })
        {
            await presence.RemoveConnectionAsync(hub, connectionId, cancellationToken);
        }

        await NotifyAsync(new HubEvent(HubEventKind.Disconnected, hub, null, userId, connectionId, clock.GetUtcNow()), cancellationToken);
    }

    public Task JoinedAsync(string hub, string group, string userId, CancellationToken cancellationToken) =>
        MembershipChangedAsync(new HubEvent(HubEventKind.Joined, hub, group, userId, null, clock.GetUtcNow()), cancellationToken);

    public Task LeftAsync(string hub, string group, string userId, CancellationToken cancellationToken) =>
        MembershipChangedAsync(new HubEvent(HubEventKind.Left, hub, group, userId, null, clock.GetUtcNow()), cancellationToken);

    /// <summary>Who is in the group now: users with at least one live connection, and how many each has.</summary>
    public Task<IReadOnlyList<PresenceEntry>> PresenceAsync(string hub, string group, CancellationToken cancellationToken) =>
        presence.ListAsync(hub, group, cancellationToken);

    /// <summary>Starts <see cref="SweepIfDueAsync"/> without waiting for it; its failures are logged.</summary>
    public void SweepInBackground() => _ = Task.Run(async () =>
    {
        try
        {
            await SweepIfDueAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogSweepFailed(logger, ex);
        }
    });

    /// <summary>At most once per <see cref="SweepInterval"/> in this process: forgets connections the service no longer has.</summary>
    public async Task SweepIfDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now < _nextSweep || !await _sweeping.WaitAsync(0, cancellationToken))
        {
            return;
        }

        try
        {
            _nextSweep = now + SweepInterval;
            await foreach (var connection in presence.ConnectionsAsync(cancellationToken))
            {
                if (now - connection.ConnectedAt >= SweepInterval && !await probe.IsConnectedAsync(connection.Hub, connection.ConnectionId, cancellationToken))
                {
                    LogSwept(logger, connection.ConnectionId, connection.Hub);
                    await DisconnectedAsync(connection.Hub, connection.ConnectionId, connection.UserId, cancellationToken);
                }
            }
        }
        finally
        {
            _sweeping.Release();
        }
    }

    private async Task MembershipChangedAsync(HubEvent hubEvent, CancellationToken cancellationToken)
    {
        var policy = Policy(hubEvent.Hub);
        if (policy is { Presence: true })
        {
            await (hubEvent.Kind == HubEventKind.Joined
                ? presence.AddMemberAsync(hubEvent.Hub, hubEvent.Group!, hubEvent.UserId!, hubEvent.At, cancellationToken)
                : presence.RemoveMemberAsync(hubEvent.Hub, hubEvent.Group!, hubEvent.UserId!, cancellationToken));
        }

        if (policy is { RoomEvents: true })
        {
            await rooms.SendAsync(hubEvent, cancellationToken);
        }

        await NotifyAsync(hubEvent, cancellationToken);
    }

    private async Task NotifyAsync(HubEvent hubEvent, CancellationToken cancellationToken)
    {
        foreach (var handler in handlers.Where(h => Wildcard.IsMatch(h.HubPattern, hubEvent.Hub)))
        {
            try
            {
                await handler.HandleAsync(hubEvent, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogHandlerFailed(logger, ex, hubEvent.Kind, hubEvent.Hub);
            }
        }
    }

    public void Dispose() => _sweeping.Dispose();

    private HubPolicyOptions? Policy(string hub) => policies.Find(hub)?.Options;

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} of {Hub} is gone without a disconnect event; removed from presence")]
    private static partial void LogSwept(ILogger logger, string connectionId, string hub);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The presence sweep failed; it runs again later")]
    private static partial void LogSweepFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Kind} handler of hub {Hub} failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception error, HubEventKind kind, string hub);
}
