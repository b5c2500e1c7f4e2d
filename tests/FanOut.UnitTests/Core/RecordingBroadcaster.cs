using System.Collections.Concurrent;
using FanOut.Core.Delivery;
using FanOut.Core.Messages;

namespace FanOut.UnitTests.Core;

/// <summary>Records what was broadcast, in order; can fail chosen messages and hold broadcasts until released.</summary>
internal sealed class RecordingBroadcaster : IBroadcaster
{
    private readonly ConcurrentQueue<Envelope> _sent = new();

    public HashSet<string> FailingIds { get; } = [];

    /// <summary>While not completed, every broadcast waits for it.</summary>
    public TaskCompletionSource Gate { get; set; } = CompletedGate();

    public IReadOnlyList<Envelope> Sent => [.. _sent];

    public async Task BroadcastAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        await Gate.Task;
        if (FailingIds.Contains(envelope.Id))
        {
            throw new InvalidOperationException($"broadcast of {envelope.Id} failed");
        }

        _sent.Enqueue(envelope);
    }

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }
}
