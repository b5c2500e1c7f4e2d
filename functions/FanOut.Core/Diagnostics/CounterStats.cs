namespace FanOut.Core.Diagnostics;

/// <summary>A counter of the <c>FanOut</c> meter: since start, in the window, per second over it, and each second of it (oldest first).</summary>
public sealed record CounterStats(long Total, long InWindow, double PerSecond, IReadOnlyList<long> Series);
