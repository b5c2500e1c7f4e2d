using FanOut.Core.Messages;

namespace FanOut.Core.History;

/// <summary>
/// Per-group message history with a head (last offset, epoch, concurrency token), as a store with atomic
/// multi-row commits, unique keys and optimistic concurrency (Azure Table storage) provides it.
/// </summary>
public interface IHistoryStore
{
    /// <summary>How many messages one <see cref="TryCommitAsync"/> may carry.</summary>
    int MaxMessagesPerCommit { get; }

    /// <summary>How many bytes of <c>data</c> one <see cref="TryCommitAsync"/> may carry in all.</summary>
    int MaxDataBytesPerCommit { get; }

    /// <summary>The group's head, or null when the group has no history yet.</summary>
    Task<GroupHead?> ReadHeadAsync(string hub, string group, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="envelopes"/> (consecutive offsets after <paramref name="expected"/>) and
    /// moves the head to the last of them, all or nothing; each message id is recorded so a redelivery
    /// is recognised. Returns the new head, or null when nothing was stored because the head moved (one
    /// of the offsets is taken) or one of the messages is already stored.
    /// </summary>
    Task<GroupHead?> TryCommitAsync(GroupHead expected, IReadOnlyList<Envelope> envelopes, CancellationToken cancellationToken);

    /// <summary>The stored envelopes among <paramref name="messageIds"/>, by id.</summary>
    Task<IReadOnlyDictionary<string, Envelope>> FindAsync(string hub, string group, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the oldest messages (and their id rows) sent before <paramref name="sentBefore"/>, at most
    /// <paramref name="max"/> of them; returns how many. Later messages stay, and the head never goes back:
    /// the group goes on after its last offset however much is trimmed.
    /// </summary>
    Task<int> TrimAsync(string hub, string group, DateTimeOffset sentBefore, int max, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> envelopes with offsets above <paramref name="after"/>, ascending.</summary>
    Task<IReadOnlyList<Envelope>> ReadAsync(string hub, string group, long after, int limit, CancellationToken cancellationToken);
}
