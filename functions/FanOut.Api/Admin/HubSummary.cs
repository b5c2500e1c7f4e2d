using FanOut.Core.Diagnostics;

namespace FanOut.Api.Admin;

/// <summary>
/// A hub on the dashboard: configured (an entry of <c>FanOut__Hubs__*</c>, perhaps a pattern) and/or seen
/// in the window, with its messages published and delivered there and its recently active groups.
/// </summary>
public sealed record HubSummary(string Name, bool Configured, string? Pattern, long Published, long Delivered, IReadOnlyList<GroupActivity> Groups);
