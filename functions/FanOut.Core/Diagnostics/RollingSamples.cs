namespace FanOut.Core.Diagnostics;

/// <summary>
/// Samples (delivery lags) per second over the last <see cref="Seconds"/> seconds, for percentiles. Each
/// second keeps at most <see cref="MaxPerSecond"/> samples, chosen uniformly (reservoir sampling), so memory
/// stays bounded at any rate. Not thread-safe; the owner locks.
/// </summary>
public sealed class RollingSamples(int seconds)
{
    public const int MaxPerSecond = 1000;

    private readonly Bucket[] _buckets = Enumerable.Range(0, seconds).Select(_ => new Bucket()).ToArray();

    public int Seconds => seconds;

    public void Add(long second, double value)
    {
        var bucket = _buckets[Slot(second)];
        if (bucket.Second != second)
        {
            bucket.Second = second;
            bucket.Seen = 0;
            bucket.Values.Clear();
        }

        bucket.Seen++;
        if (bucket.Values.Count < MaxPerSecond)
        {
            bucket.Values.Add(value);
        }
        else if (Random.Shared.NextInt64(bucket.Seen) is var index && index < MaxPerSecond)
        {
            bucket.Values[(int)index] = value;
        }
    }

    /// <summary>Percentiles of every sample in the window ending at <paramref name="now"/>.</summary>
    public Percentiles Over(long now) =>
        Percentiles.Of([.. Enumerable.Range(0, seconds).SelectMany(i => Values(now - seconds + 1 + i))], CountOver(now));

    /// <summary>Percentiles of each second in the window, oldest first (null for a second without samples).</summary>
    public Percentiles?[] Series(long now) =>
        [.. Enumerable.Range(0, seconds).Select(i => now - seconds + 1 + i).Select(s => Values(s) is { Count: > 0 } v ? Percentiles.Of([.. v], v.Count) : null)];

    private long CountOver(long now) =>
        Enumerable.Range(0, seconds).Select(i => now - seconds + 1 + i).Sum(s => _buckets[Slot(s)] is { } b && b.Second == s ? b.Seen : 0);

    private List<double> Values(long second) => _buckets[Slot(second)] is { } bucket && bucket.Second == second ? bucket.Values : [];

    private int Slot(long second) => (int)(((second % seconds) + seconds) % seconds);

    private sealed class Bucket
    {
        public long Second { get; set; } = long.MinValue;

        public long Seen { get; set; }

        public List<double> Values { get; } = [];
    }
}
