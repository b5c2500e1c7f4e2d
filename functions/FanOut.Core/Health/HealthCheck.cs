using System.Diagnostics;

namespace FanOut.Core.Health;

/// <summary>Runs every probe at once, each bounded by a timeout, so one hung dependency cannot hang the endpoint.</summary>
public sealed class HealthCheck(IEnumerable<IHealthProbe> probes)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(probes.Select(probe => RunAsync(probe, cancellationToken)));
        return new HealthReport(results.All(r => r.Healthy), results);
    }

    private static async Task<ProbeResult> RunAsync(IHealthProbe probe, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var result = await probe.CheckAsync(timeout.Token);
            return result with { DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(probe.Name, false, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.Message);
        }
    }
}
