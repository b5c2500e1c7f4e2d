namespace FanOut.Core.Rooms;

/// <summary>
/// Something that happened in a hub: a connection came or went (<see cref="ConnectionId"/>), or a user
/// joined or left <see cref="Group"/>.
/// </summary>
public sealed record HubEvent(HubEventKind Kind, string Hub, string? Group, string? UserId, string? ConnectionId, DateTimeOffset At);
