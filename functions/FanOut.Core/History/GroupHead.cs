namespace FanOut.Core.History;

/// <summary>
/// A group's history counter as last read: the highest offset committed, the history's epoch,
/// and the store's concurrency token (null when the group has no history yet).
/// </summary>
public sealed record GroupHead(long LastOffset, string Epoch, string? ETag)
{
    /// <summary>
    /// When this writer's own commit produced this head (a <see cref="TimeProvider"/> timestamp); null for a head
    /// that was read. A store may trust a recent one without checking its stored head again.
    /// </summary>
    public long? CommittedAt { get; init; }

    /// <summary>The head of a group that has never stored a message: a new epoch, offset 0.</summary>
    public static GroupHead New() => new(0, Guid.NewGuid().ToString("N"), null);
}
