namespace FanOut.LocalHost.QueueTrigger;

/// <summary>
/// Keeps the local host's publishes from running far ahead of its deliveries. Azurite answers receive and
/// delete in time that grows with the queue's length (about 8 ms a message at 1,000 waiting, 23 ms at 3,000
/// here), so a backlog would make each delivery slower and the backlog longer still. A publish that finds
/// <see cref="Settings.LocalHostOptions.MaxBacklog"/> messages accepted by this process and not yet delivered
/// waits for one to finish, for at most <see cref="MaxWait"/>, and then goes ahead: it is never refused for
/// this. The Functions host has no such bound: Azure's queue does not slow down with depth, and depth is what
/// scales it out.
/// </summary>
public sealed class PublishBackpressure(int limit) : IDisposable
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim? _room = limit > 0 ? new SemaphoreSlim(limit, limit) : null;

    /// <summary>Waits for room; false when it went ahead without (waited <see cref="MaxWait"/>, or no bound).</summary>
    public async Task<bool> EnterAsync(CancellationToken cancellationToken) =>
        _room is not null && await _room.WaitAsync(MaxWait, cancellationToken);

    /// <summary>A message left the queue (delivered or poisoned), or its enqueue failed.</summary>
    public void Leave()
    {
        // Messages this process did not count (enqueued before a restart, or after a wait ran out) leave too:
        // never release past the limit.
        if (_room is null || _room.CurrentCount >= limit)
        {
            return;
        }

        try
        {
            _room.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another message left at the same moment.
        }
    }

    public void Dispose() => _room?.Dispose();
}
