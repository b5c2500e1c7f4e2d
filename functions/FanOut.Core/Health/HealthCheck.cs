using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FanOut.Core.Health;

/// <summary>
/// Runs every probe at once, each bounded by a timeout, so one hung dependency cannot hang the endpoint.
/// A failing probe's error is logged here; callers of the endpoint only see that it failed.
/// </summary>
public sealed partial class HealthCheck(IEnumerable<IHealthProbe> probes, ILogger<HealthCheck> logger)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(probes.Select(probe => RunAsync(probe, cancellationToken)));
        return new HealthReport(results.All(r => r.Healthy), results);
    }

    private async Task<ProbeResult> RunAsync(IHealthProbe probe, CancellationToken cancellationToken)
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
            LogProbeFailed(logger, ex, probe.Name);
            return new ProbeResult(probe.Name, false, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health probe {Probe} failed")]
    private static partial void LogProbeFailed(ILogger logger, Exception error, string probe);
}
