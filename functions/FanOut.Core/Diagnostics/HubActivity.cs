namespace FanOut.Core.Diagnostics;

/// <summary>A hub's messages published and delivered in the window, and its recently active groups (most recent first).</summary>
public sealed record HubActivity(string Name, long Published, long Delivered, IReadOnlyList<GroupActivity> Groups);
