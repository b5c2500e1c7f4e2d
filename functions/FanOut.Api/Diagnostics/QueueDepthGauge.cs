using System.Diagnostics.Metrics;
using FanOut.Api.Admin;
using FanOut.Core.Diagnostics;

namespace FanOut.Api.Diagnostics;

/// <summary>
/// <c>fanout.queue.depth</c> on the FanOut meter: the delivery and poison queues' approximate message
/// counts. An exporter collects synchronously, so each collection reports the last value read and, when that
/// is older than <see cref="MaxAge"/>, starts one read in the background; nothing polls when nobody collects.
/// </summary>
public sealed class QueueDepthGauge
{
    internal static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private readonly PoisonQueue _queues;
    private readonly TimeProvider _clock;
    private QueueDepths _last = new(null, null, null);
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private int _reading;

    public QueueDepthGauge(IMeterFactory meterFactory, PoisonQueue queues, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _queues = queues;
        _clock = clock;
        meterFactory.Create(FanOutMetrics.MeterName).CreateObservableGauge(
            "fanout.queue.depth", Observe, "{message}", "Approximate messages waiting in the delivery queue and in its poison queue.");
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        if (_clock.GetUtcNow() - _readAt > MaxAge && Interlocked.Exchange(ref _reading, 1) == 0)
        {
            _ = RefreshAsync();
        }

        var last = _last;
        if (last.Depth is { } depth)
        {
            yield return new Measurement<long>(depth, new KeyValuePair<string, object?>("queue", "deliveries"));
        }

        if (last.Poison is { } poison)
        {
            yield return new Measurement<long>(poison, new KeyValuePair<string, object?>("queue", "poison"));
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            var depths = await _queues.DepthsAsync(CancellationToken.None);
            if (depths.Error is null)
            {
                _last = depths;
            }
        }
        finally
        {
            _readAt = _clock.GetUtcNow();
            Volatile.Write(ref _reading, 0);
        }
    }
}
