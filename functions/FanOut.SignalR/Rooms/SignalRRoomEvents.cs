using FanOut.Core.Rooms;
using FanOut.SignalR.Rest;

namespace FanOut.SignalR.Rooms;

/// <summary>
/// Room events through the REST API: <c>$join</c> / <c>$leave</c> to the group with <c>{hub, group, userId, at}</c>;
/// and whether a connection is still there (for the presence sweep).
/// </summary>
public sealed class SignalRRoomEvents(SignalRRestClient client) : IRoomEventSender, IConnectionProbe
{
    public Task SendAsync(HubEvent hubEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hubEvent);
        var target = hubEvent.Kind == HubEventKind.Joined ? IRoomEventSender.JoinTarget : IRoomEventSender.LeaveTarget;
        object payload = new { hub = hubEvent.Hub, group = hubEvent.Group, userId = hubEvent.UserId, at = hubEvent.At };
        return client.SendToGroupAsync(hubEvent.Hub, hubEvent.Group!, target, [payload], cancellationToken: cancellationToken);
    }

    public Task<bool> IsConnectedAsync(string hub, string connectionId, CancellationToken cancellationToken) =>
        client.ConnectionExistsAsync(hub, connectionId, cancellationToken);
}
