namespace FanOut.Core.Diagnostics;

/// <summary>Nearest-rank percentiles of a set of samples (milliseconds), and how many samples there were.</summary>
public sealed record Percentiles(double P50, double P90, double P99, double Max, long Count)
{
    public static readonly Percentiles Empty = new(0, 0, 0, 0, 0);

    /// <param name="samples">The samples (sorted in place).</param>
    /// <param name="count">How many there were (more than <paramref name="samples"/> when they were sampled).</param>
    public static Percentiles Of(double[] samples, long count)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Length == 0)
        {
            return Empty with { Count = count };
        }

        Array.Sort(samples);
        return new Percentiles(Rank(samples, 0.50), Rank(samples, 0.90), Rank(samples, 0.99), samples[^1], count);
    }

    private static double Rank(double[] sorted, double quantile) =>
        Math.Round(sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)], 2);
}
