using System.Collections.Concurrent;
using FanOut.Core.Diagnostics;
using FanOut.Core.History;
using FanOut.Core.Messages;
using FanOut.Core.Publishing;
using Microsoft.Extensions.Logging;

namespace FanOut.Core.Delivery;

/// <summary>
/// The delivery use case behind the queue trigger: store each message with its group's next offset,
/// then broadcast it. Deliveries for one group in this process go through one <see cref="GroupLane"/>,
/// which commits whatever is waiting in one transaction and broadcasts in offset order, so concurrent
/// deliveries join each other instead of racing for the group's head.
/// The returned task fails when this message's commit or broadcast failed: the host then retries it
/// (a retry keeps the first offset) and, after maxDequeueCount, moves it to the poison queue.
/// </summary>
public sealed class Deliverer(
    HistoryWriter writer, IBroadcaster broadcaster, IPayloadStore payloads, DeliveryObserver observer, ILogger<Deliverer> logger, HistoryRetention? retention = null)
{
    /// <summary>Idle lanes beyond this many are dropped (they only cache a head).</summary>
    internal const int MaxIdleLanes = 10_000;

    private readonly ConcurrentDictionary<(string Hub, string Group), GroupLane> _lanes = new();

    /// <summary>Delivers one queue message's JSON (already decoded from the queue's encoding).</summary>
    public Task<Envelope> DeliverAsync(ReadOnlyMemory<byte> queueMessageUtf8, CancellationToken cancellationToken) =>
        DeliverAsync(MessageJson.DeserializeQueued(queueMessageUtf8.Span), cancellationToken);

    /// <summary>Delivers to every target stream (one for most messages); returns the first stream's envelope.</summary>
    public async Task<Envelope> DeliverAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_lanes.Count > MaxIdleLanes)
        {
            DropIdleLanes();
        }

        using var activity = FanOutTracing.StartDelivery(message.Hub, message.Id, message.TraceParent);
        try
        {
            var envelope = await DeliverToEveryTargetAsync(message, cancellationToken);
            activity?.SetTag("fanout.offset", envelope.Offset);
            return envelope;
        }
        catch (Exception ex)
        {
            FanOutTracing.Failed(activity, ex);
            throw;
        }
    }

    private async Task<Envelope> DeliverToEveryTargetAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        if (message.DataRef is { } reference)
        {
            // History keeps the reference; clients get the data itself.
            message = message with
            {
                Data = await payloads.GetAsync(reference, cancellationToken)
                    ?? throw new InvalidOperationException($"The data of message {message.Id} is no longer in the payload store ({reference})."),
            };
        }

        var deliveries = message.Targets.Select(stream =>
            _lanes.GetOrAdd((message.Hub, stream), _ => new GroupLane(writer, broadcaster, observer, logger, retention))
                .DeliverAsync(message with { Group = stream }));
        var envelopes = await Task.WhenAll(deliveries).WaitAsync(cancellationToken);
        return envelopes[0];
    }

    private void DropIdleLanes()
    {
        foreach (var (key, lane) in _lanes)
        {
            if (lane.IsIdle)
            {
                _lanes.TryRemove(new KeyValuePair<(string, string), GroupLane>(key, lane));
            }
        }
    }
}
