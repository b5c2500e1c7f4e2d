namespace FanOut.Core.Diagnostics;

/// <summary>
/// What <see cref="FanOutStats"/> saw over the last <see cref="WindowSeconds"/> seconds: the meter's counters,
/// delivery lag percentiles (overall and each second's p50 and p99, oldest first), per-hub activity and the
/// newest deliveries (newest first).
/// </summary>
public sealed record StatsSnapshot(
    DateTimeOffset At,
    int WindowSeconds,
    IReadOnlyDictionary<string, CounterStats> Counters,
    IReadOnlyDictionary<string, long> RejectedByCode,
    Percentiles LagMs,
    IReadOnlyList<double?> LagP50Series,
    IReadOnlyList<double?> LagP99Series,
    IReadOnlyList<HubActivity> Hubs,
    IReadOnlyList<DeliveryRecord> Recent);
