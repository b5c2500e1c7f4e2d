namespace FanOut.Core.Diagnostics;

/// <summary>
/// Counts per second over the last <see cref="Seconds"/> seconds: one bucket per second in a ring, each
/// stamped with its second so a bucket left from an earlier lap counts as empty. Not thread-safe; the
/// owner locks.
/// </summary>
public sealed class RollingWindow(int seconds)
{
    private readonly long[] _counts = new long[seconds];
    private readonly long[] _stamps = Enumerable.Repeat(long.MinValue, seconds).ToArray();

    public int Seconds => seconds;

    /// <summary>Everything ever added, window or not.</summary>
    public long Total { get; private set; }

    public void Add(long second, long value)
    {
        var slot = Slot(second);
        if (_stamps[slot] != second)
        {
            _stamps[slot] = second;
            _counts[slot] = 0;
        }

        _counts[slot] += value;
        Total += value;
    }

    /// <summary>The count of each of the last <see cref="Seconds"/> seconds, oldest first, ending at <paramref name="now"/>.</summary>
    public long[] Series(long now)
    {
        var series = new long[seconds];
        for (var i = 0; i < seconds; i++)
        {
            var second = now - seconds + 1 + i;
            var slot = Slot(second);
            series[i] = _stamps[slot] == second ? _counts[slot] : 0;
        }

        return series;
    }

    /// <summary>The sum over the window ending at <paramref name="now"/>.</summary>
    public long Sum(long now) => Series(now).Sum();

    private int Slot(long second) => (int)(((second % seconds) + seconds) % seconds);
}
