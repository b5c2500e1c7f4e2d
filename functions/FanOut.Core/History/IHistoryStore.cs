using FanOut.Core.Messages;

namespace FanOut.Core.History;

/// <summary>Per-group message history with a counter row, as a store with optimistic concurrency provides it.</summary>
public interface IHistoryStore
{
    /// <summary>The group's head, or null when the group has no history yet.</summary>
    Task<GroupHead?> ReadHeadAsync(string hub, string group, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="envelope"/> and advances the head from <paramref name="expected"/> to
    /// <c>envelope.Offset</c> in one atomic step, and records the message id so a redelivery is recognised.
    /// </summary>
    Task<CommitOutcome> TryCommitAsync(GroupHead expected, Envelope envelope, CancellationToken cancellationToken);

    /// <summary>The stored envelope of message <paramref name="messageId"/>, or null.</summary>
    Task<Envelope?> FindAsync(string hub, string group, string messageId, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> envelopes with offsets above <paramref name="after"/>, ascending.</summary>
    Task<IReadOnlyList<Envelope>> ReadAsync(string hub, string group, long after, int limit, CancellationToken cancellationToken);
}
