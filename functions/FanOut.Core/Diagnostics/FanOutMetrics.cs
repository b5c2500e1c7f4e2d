using System.Diagnostics.Metrics;

namespace FanOut.Core.Diagnostics;

/// <summary>
/// The service's metrics on the <c>FanOut</c> meter: what was accepted, rejected and delivered,
/// how long delivery took, and how often concurrent deliveries raced for a group's head.
/// </summary>
public sealed class FanOutMetrics
{
    public const string MeterName = "FanOut";

    private readonly Counter<long> _published;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _headConflicts;
    private readonly Histogram<double> _deliveryLag;

    public FanOutMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _published = meter.CreateCounter<long>("fanout.messages.published", "{message}", "Messages accepted and enqueued.");
        _rejected = meter.CreateCounter<long>("fanout.messages.rejected", "{message}", "Publish requests refused, by code.");
        _delivered = meter.CreateCounter<long>("fanout.messages.delivered", "{message}", "Messages persisted and broadcast.");
        _headConflicts = meter.CreateCounter<long>("fanout.history.head_conflicts", "{conflict}", "Offset commits retried because another delivery won.");
        _deliveryLag = meter.CreateHistogram<double>("fanout.delivery.lag", "ms", "From accept to broadcast.");
    }

    public void Published(string hub) => _published.Add(1, new KeyValuePair<string, object?>("hub", hub));

    public void Rejected(string code) => _rejected.Add(1, new KeyValuePair<string, object?>("code", code));

    public void Delivered(string hub, TimeSpan lag)
    {
        var tag = new KeyValuePair<string, object?>("hub", hub);
        _delivered.Add(1, tag);
        _deliveryLag.Record(lag.TotalMilliseconds, tag);
    }

    public void HeadConflict() => _headConflicts.Add(1);
}
