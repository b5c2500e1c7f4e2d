namespace FanOut.Core.Diagnostics;

/// <summary>A group that received messages lately: how many in the window, its last offset, and when.</summary>
public sealed record GroupActivity(string Name, long Messages, long LastOffset, DateTimeOffset LastAt);
