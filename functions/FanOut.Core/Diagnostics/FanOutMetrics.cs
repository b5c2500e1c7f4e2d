using System.Diagnostics.Metrics;

namespace FanOut.Core.Diagnostics;

/// <summary>
/// The service's metrics on the <c>FanOut</c> meter: what was accepted, replayed, rejected and
/// delivered or poisoned, how long delivery took, how many messages each history commit carried, and how often
/// writers in different processes raced for a group's head.
/// </summary>
public sealed class FanOutMetrics
{
    public const string MeterName = "FanOut";

    private readonly Counter<long> _published;
    private readonly Counter<long> _replayed;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _poisoned;
    private readonly Counter<long> _broadcastFailures;
    private readonly Counter<long> _commitFailures;
    private readonly Counter<long> _headConflicts;
    private readonly Histogram<double> _deliveryLag;
    private readonly Histogram<int> _commitSize;

    public FanOutMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _published = meter.CreateCounter<long>("fanout.messages.published", "{message}", "Messages accepted and enqueued.");
        _replayed = meter.CreateCounter<long>("fanout.messages.replayed", "{message}", "Publishes answered from an earlier request with the same Idempotency-Key.");
        _rejected = meter.CreateCounter<long>("fanout.messages.rejected", "{message}", "Publish requests refused, by code.");
        _delivered = meter.CreateCounter<long>("fanout.messages.delivered", "{message}", "Messages stored and broadcast.");
        _poisoned = meter.CreateCounter<long>("fanout.messages.poisoned", "{message}", "Queue messages moved to the poison queue after their last attempt failed.");
        _broadcastFailures = meter.CreateCounter<long>("fanout.broadcast.failures", "{message}", "Broadcasts that failed (the message is retried).");
        _commitFailures = meter.CreateCounter<long>("fanout.history.commit_failures", "{message}", "Messages whose history commit failed (they are retried).");
        _headConflicts = meter.CreateCounter<long>("fanout.history.head_conflicts", "{conflict}", "History commits refused because another writer moved the head.");
        _deliveryLag = meter.CreateHistogram<double>("fanout.delivery.lag", "ms", "From accept to broadcast.");
        _commitSize = meter.CreateHistogram<int>("fanout.history.commit_size", "{message}", "Messages stored by one history transaction.");
    }

    public void Published(string hub) => _published.Add(1, Hub(hub));

    public void Replayed(string hub) => _replayed.Add(1, Hub(hub));

    public void Rejected(string code) => _rejected.Add(1, new KeyValuePair<string, object?>("code", code));

    public void Delivered(string hub, TimeSpan lag)
    {
        var tag = Hub(hub);
        _delivered.Add(1, tag);
        _deliveryLag.Record(lag.TotalMilliseconds, tag);
    }

    public void Poisoned() => _poisoned.Add(1);

    public void BroadcastFailed(string hub) => _broadcastFailures.Add(1, Hub(hub));

    public void CommitFailed(string hub, int messages) => _commitFailures.Add(messages, Hub(hub));

    public void Committed(int messages) => _commitSize.Record(messages);

    public void HeadConflict() => _headConflicts.Add(1);

    private static KeyValuePair<string, object?> Hub(string hub) => new("hub", hub);
}
