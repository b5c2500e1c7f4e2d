namespace FanOut.Core.Rooms;

/// <summary>A connection presence counts as live, since <see cref="ConnectedAt"/>.</summary>
public sealed record TrackedConnection(string Hub, string ConnectionId, string? UserId, DateTimeOffset ConnectedAt);
