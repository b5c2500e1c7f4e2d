using FanOut.Core.Diagnostics;
using FanOut.Core.Messages;

namespace FanOut.Core.History;

/// <summary>
/// Appends a batch of one group's messages in one atomic commit: offsets head+1, head+2, ... and the
/// head moved past them, or nothing. When the head has moved (another process wrote) it reads the head
/// again; messages already stored by an earlier attempt keep their first offset and leave the batch.
/// Offsets are therefore 1, 2, 3, ... without gaps however many writers there are.
/// </summary>
public sealed class HistoryWriter(IHistoryStore store, FanOutMetrics metrics)
{
    /// <summary>How many conflicts one batch tolerates before it gives up (and the queue retries it).</summary>
    public const int MaxAttempts = 64;

    public int MaxMessagesPerCommit => store.MaxMessagesPerCommit;

    public int MaxDataBytesPerCommit => store.MaxDataBytesPerCommit;

    /// <summary>
    /// Commits <paramref name="batch"/> (all of one hub and group) after <paramref name="head"/> (null: read it).
    /// Returns the head after the commit and one result per message, in offset order.
    /// </summary>
    public async Task<(GroupHead Head, IReadOnlyList<AppendResult> Results)> AppendAsync(
        GroupHead? head, IReadOnlyList<QueuedMessage> batch, CancellationToken cancellationToken)
    {
        var (hub, group) = (batch[0].Hub, batch[0].Group);
        var results = new List<AppendResult>(batch.Count);
        var remaining = batch.ToList();
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            head ??= await store.ReadHeadAsync(hub, group, cancellationToken) ?? GroupHead.New();
            var envelopes = remaining.Select((m, i) => m.ToEnvelope(head.LastOffset + 1 + i, head.Epoch)).ToList();
            if (await store.TryCommitAsync(head, envelopes, cancellationToken) is { } committed)
            {
                results.AddRange(envelopes.Select(e => new AppendResult(e, IsNew: true)));
                metrics.Committed(envelopes.Count);
                return (committed, results.OrderBy(r => r.Envelope.Offset).ToList());
            }

            metrics.HeadConflict();
            head = null;
            var stored = await store.FindAsync(hub, group, remaining.Select(m => m.Id).ToList(), cancellationToken);
            // The stored offset, with the data in hand (history may hold only a reference to large data).
            results.AddRange(remaining.Where(m => stored.ContainsKey(m.Id))
                .Select(m => new AppendResult(stored[m.Id] with { Data = m.Data, DataRef = m.DataRef }, IsNew: false)));
            remaining.RemoveAll(m => stored.ContainsKey(m.Id));
            if (remaining.Count == 0)
            {
                return (await store.ReadHeadAsync(hub, group, cancellationToken) ?? GroupHead.New(), results.OrderBy(r => r.Envelope.Offset).ToList());
            }

            if (stored.Count == 0)
            {
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
        }

        throw new HistoryContentionException(hub, group, MaxAttempts);
    }

    /// <summary>A short, jittered, growing pause so writers in different processes spread out instead of colliding again.</summary>
    internal static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, 1 + Math.Min(50, 2 * attempt)));
}
