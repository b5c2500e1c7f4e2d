using FanOut.Core.Diagnostics;

namespace FanOut.Api.Admin;

/// <summary>
/// <c>GET /api/manage/stats</c>: the <c>FanOut</c> meter over the last <see cref="WindowSeconds"/> seconds (each
/// counter's total, count in the window, rate and per-second series; delivery lag percentiles), the queue's
/// depth and poison count, the hubs and their active groups, and the newest deliveries. Per process.
/// </summary>
public sealed record StatsResponse(
    DateTimeOffset At,
    int WindowSeconds,
    IReadOnlyDictionary<string, CounterStats> Counters,
    IReadOnlyDictionary<string, long> RejectedByCode,
    Percentiles LagMs,
    IReadOnlyList<double?> LagP50Series,
    IReadOnlyList<double?> LagP99Series,
    QueueDepths Queue,
    IReadOnlyList<HubSummary> Hubs,
    IReadOnlyList<DeliveryRecord> Recent);
