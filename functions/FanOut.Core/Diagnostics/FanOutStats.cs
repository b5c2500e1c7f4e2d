using System.Diagnostics.Metrics;

namespace FanOut.Core.Diagnostics;

/// <summary>
/// The dashboard's numbers, read from the <c>FanOut</c> meter itself (a <see cref="MeterListener"/> on the
/// meter this app's <see cref="IMeterFactory"/> made, so there is no second counting path and other apps'
/// meters in the process do not count): each counter per second over a sliding window, by hub or code, and
/// delivery lag percentiles. Recent messages and active groups come from <see cref="RecentDeliveries"/>.
/// In memory, per process: on Azure each instance sees its own share.
/// </summary>
public sealed class FanOutStats : IDisposable
{
    public const int WindowSeconds = 60;

    /// <summary>The counters of <see cref="FanOutMetrics"/> under the names the snapshot uses.</summary>
    private static readonly Dictionary<string, string> CounterNames = new(StringComparer.Ordinal)
    {
        ["fanout.messages.published"] = "published",
        ["fanout.messages.delivered"] = "delivered",
        ["fanout.messages.rejected"] = "rejected",
        ["fanout.messages.replayed"] = "replayed",
        ["fanout.broadcast.failures"] = "broadcastFailures",
        ["fanout.history.commit_failures"] = "commitFailures",
        ["fanout.history.head_conflicts"] = "headConflicts",
    };

    private const string LagInstrument = "fanout.delivery.lag";

    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RollingWindow> _counters = CounterNames.Values.ToDictionary(n => n, _ => new RollingWindow(WindowSeconds), StringComparer.Ordinal);
    private readonly Dictionary<(string Counter, string Tag), RollingWindow> _byTag = [];
    private readonly RollingSamples _lag = new(WindowSeconds);
    private readonly RecentDeliveries _deliveries;
    private readonly TimeProvider _clock;

    public FanOutStats(IMeterFactory meterFactory, RecentDeliveries deliveries, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _deliveries = deliveries;
        _clock = clock;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == FanOutMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory)
                && (CounterNames.ContainsKey(instrument.Name) || instrument.Name == LagInstrument))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Count(instrument.Name, value, Tag(tags)));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Sample(value));
        _listener.Start();
    }

    public StatsSnapshot Snapshot(int recent = 50)
    {
        var at = _clock.GetUtcNow();
        var now = at.ToUnixTimeSeconds();
        lock (_gate)
        {
            var counters = _counters.ToDictionary(c => c.Key, c => Stats(c.Value, now), StringComparer.Ordinal);
            var rejectedByCode = Tagged("rejected", now).Where(c => c.Value > 0).ToDictionary(StringComparer.Ordinal);
            var lagSeries = _lag.Series(now);
            return new StatsSnapshot(
                at,
                WindowSeconds,
                counters,
                rejectedByCode,
                _lag.Over(now),
                [.. lagSeries.Select(p => p?.P50)],
                [.. lagSeries.Select(p => p?.P99)],
                Hubs(at, now),
                [.. _deliveries.All().Reverse().Take(recent)]);
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Count(string instrument, long value, string? tag)
    {
        var name = CounterNames[instrument];
        var second = _clock.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            _counters[name].Add(second, value);
            if (tag is not null)
            {
                if (!_byTag.TryGetValue((name, tag), out var window))
                {
                    _byTag[(name, tag)] = window = new RollingWindow(WindowSeconds);
                }

                window.Add(second, value);
            }
        }
    }

    private void Sample(double milliseconds)
    {
        var second = _clock.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            _lag.Add(second, milliseconds);
        }
    }

    /// <summary>The hub of a message counter, or the code of a rejection.</summary>
    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var (key, value) in tags)
        {
            if (key is "hub" or "code")
            {
                return value as string;
            }
        }

        return null;
    }

    private static CounterStats Stats(RollingWindow window, long now)
    {
        var series = window.Series(now);
        var inWindow = series.Sum();
        return new CounterStats(window.Total, inWindow, Math.Round((double)inWindow / WindowSeconds, 3), series);
    }

    private Dictionary<string, long> Tagged(string counter, long now) =>
        _byTag.Where(t => t.Key.Counter == counter).ToDictionary(t => t.Key.Tag, t => t.Value.Sum(now), StringComparer.Ordinal);

    private List<HubActivity> Hubs(DateTimeOffset at, long now)
    {
        var published = Tagged("published", now);
        var delivered = Tagged("delivered", now);
        var since = at.AddSeconds(-WindowSeconds);
        var groups = _deliveries.All()
            .GroupBy(d => d.Hub, StringComparer.Ordinal)
            .ToDictionary(
                h => h.Key,
                h => (IReadOnlyList<GroupActivity>)[.. h.GroupBy(d => d.Group, StringComparer.Ordinal)
                    .Select(g => new GroupActivity(g.Key, g.LongCount(d => d.DeliveredAt > since), g.Max(d => d.Offset), g.Max(d => d.DeliveredAt)))
                    .OrderByDescending(g => g.LastAt)],
                StringComparer.Ordinal);
        return [.. published.Keys.Union(delivered.Keys).Union(groups.Keys).Order(StringComparer.Ordinal)
            .Select(hub => new HubActivity(hub, published.GetValueOrDefault(hub), delivered.GetValueOrDefault(hub), groups.GetValueOrDefault(hub) ?? []))];
    }
}
