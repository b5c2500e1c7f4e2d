namespace FanOut.Core.Health;

/// <summary>The state of one dependency: up or down, how long the check took, and what went wrong.</summary>
public sealed record ProbeResult(string Name, bool Healthy, double DurationMs, string? Error);
