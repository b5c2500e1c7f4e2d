namespace FanOut.Core.Health;

/// <summary>The state of every dependency; healthy only when all are.</summary>
public sealed record HealthReport(bool Healthy, IReadOnlyList<ProbeResult> Checks);
