namespace FanOut.Core.Rooms;

/// <summary>What happened in a hub (Socket.IO's connection, <c>join-room</c> and <c>leave-room</c>).</summary>
public enum HubEventKind
{
    Connected,
    Disconnected,
    Joined,
    Left,
}
