namespace FanOut.LocalHost.QueueTrigger;

/// <summary>
/// A nudge from the publish path to the listener: "there is a message now", so a message this
/// process enqueued is picked up at once instead of at the next poll.
/// </summary>
public sealed class QueueWakeup : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Signal()
    {
        // One pending wake-up is enough; checking first avoids throwing SemaphoreFullException on every publish.
        if (_signal.CurrentCount > 0)
        {
            return;
        }

        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another publish signalled in between.
        }
    }

    /// <summary>Waits for a signal or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
