namespace FanOut.Core.Rooms;

/// <summary>A user in a group who is online, and how many connections it has.</summary>
public sealed record PresenceEntry(string UserId, int Connections);
