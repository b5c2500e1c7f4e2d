using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using FanOut.Core.History;
using FanOut.Core.Messages;

namespace FanOut.Storage.History;

/// <summary>
/// Group history in Azure Table storage (layout in <see cref="HistoryRows"/>). A commit is one entity group
/// transaction that inserts a row for each message at its offset and one for its id, all or nothing: a taken
/// offset (another writer got there first) or a stored id (a redelivered message) fails it with 409.
/// <para>
/// The head row is a checkpoint, not written by every commit: it holds an offset that was committed, and
/// the last offset is the highest message row from there on (<see cref="ReadHeadAsync"/>). A commit moves it,
/// under If-Match, when its offsets reach a multiple of <see cref="CheckpointEvery"/>, when its head was read
/// rather than committed by this writer, or when that commit is older than <see cref="TrustCommittedHeadFor"/>.
/// Trimming raises the head before it deletes, and only deletes rows committed at least
/// <see cref="TrimGrace"/> ago: an offset is never taken twice, even by a writer that last committed
/// within <see cref="TrustCommittedHeadFor"/> and has not seen later commits of another process.
/// </para>
/// </summary>
public sealed class TableHistoryStore(TableClient table, TimeProvider? clock = null) : IHistoryStore
{
    /// <summary>The head row moves at least once per this many offsets, which bounds what <see cref="ReadHeadAsync"/> scans.</summary>
    public const int CheckpointEvery = 64;

    /// <summary>How long after its own last commit a writer commits again without checking the head row: a busy group's back-to-back commits.</summary>
    public static readonly TimeSpan TrustCommittedHeadFor = TimeSpan.FromSeconds(2);

    /// <summary>How long a message row stays at least, whatever the retention: far longer than <see cref="TrustCommittedHeadFor"/> plus clock skew.</summary>
    public static readonly TimeSpan TrimGrace = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>A transaction holds 100 entities: the head plus two rows per message.</summary>
    public int MaxMessagesPerCommit => 49;

    /// <summary>A transaction's body is at most 4 MiB; binary data travels base64-encoded (4/3).</summary>
    public int MaxDataBytesPerCommit => 2 * 1024 * 1024;

    public async Task<GroupHead?> ReadHeadAsync(string hub, string group, CancellationToken cancellationToken)
    {
        var pk = HistoryRows.PartitionKey(hub, group);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(pk, HistoryRows.HeadRowKey, cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            // No head: a new group, or one whose history was deleted while a process went on writing to it for up
            // to TrustCommittedHeadFor. Its messages go on in their epoch after the gap (the next commit adds the head).
            return await LastMessageAsync(pk, after: 0, cancellationToken) is { } orphan
                ? new GroupHead(HistoryRows.Offset(orphan), orphan.GetString("Epoch") ?? string.Empty, ETag: null)
                : null;
        }

        // Rows above the checkpoint are never trimmed, so the highest of them is the last offset.
        var head = HistoryRows.ToHead(row.Value!);
        return await LastMessageAsync(pk, head.LastOffset, cancellationToken) is { } last
            ? head with { LastOffset = HistoryRows.Offset(last) }
            : head;
    }

    public async Task<GroupHead?> TryCommitAsync(GroupHead expected, IReadOnlyList<Envelope> envelopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(envelopes);
        var startedAt = _clock.GetTimestamp();
        var pk = HistoryRows.PartitionKey(envelopes[0].Hub, envelopes[0].Group);
        var last = envelopes[^1].Offset;
        var actions = new List<TableTransactionAction>(1 + (2 * envelopes.Count));
        var movesHead = MovesHead(expected, last);
        if (movesHead)
        {
            var head = HistoryRows.Head(pk, last, expected.Epoch);
            actions.Add(expected.ETag is null
                ? new(TableTransactionActionType.Add, head)
                : new(TableTransactionActionType.UpdateReplace, head, new ETag(expected.ETag)));
        }

        foreach (var envelope in envelopes)
        {
            actions.Add(new(TableTransactionActionType.Add, HistoryRows.Message(pk, envelope)));
            actions.Add(new(TableTransactionActionType.Add, HistoryRows.Id(pk, envelope.Id, envelope.Offset)));
        }

        try
        {
            var responses = await table.SubmitTransactionAsync(actions, cancellationToken);
            var etag = movesHead ? responses.Value[0].Headers.ETag?.ToString() : expected.ETag;
            return new GroupHead(last, expected.Epoch, etag) { CommittedAt = startedAt };
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 || ex.ErrorCode == TableErrorCode.ResourceNotFound.ToString())
        {
            // 404: the head row this commit moves is gone (the history was deleted); a new read finds out what is left.
            return null;
        }
    }

    public async Task<IReadOnlyDictionary<string, Envelope>> FindAsync(
        string hub, string group, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        var pk = HistoryRows.PartitionKey(hub, group);
        var found = await Task.WhenAll(messageIds.Select(async id =>
        {
            var idRow = await table.GetEntityIfExistsAsync<TableEntity>(pk, HistoryRows.IdRowKey(id), cancellationToken: cancellationToken);
            if (!idRow.HasValue || idRow.Value!.GetInt64("Offset") is not { } offset)
            {
                return null;
            }

            var row = await table.GetEntityIfExistsAsync<TableEntity>(pk, HistoryRows.OffsetRowKey(offset), cancellationToken: cancellationToken);
            return row.HasValue ? HistoryRows.ToEnvelope(hub, group, row.Value!) : null;
        }));
        return found.OfType<Envelope>().ToDictionary(e => e.Id);
    }

    public async Task<int> TrimAsync(string hub, string group, DateTimeOffset sentBefore, int max, CancellationToken cancellationToken)
    {
        var pk = HistoryRows.PartitionKey(hub, group);
        var committedBefore = _clock.GetUtcNow() - TrimGrace;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey lt {"~"}");
        var expired = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), select: ["RowKey", "Id", "SentAt", "Timestamp"], cancellationToken: cancellationToken))
        {
            // Offsets ascend with time closely enough: stop at the first message that is still kept.
            if (expired.Count == max || row.GetDateTimeOffset("SentAt") is not { } sentAt || sentAt >= sentBefore
                || row.Timestamp is not { } committedAt || committedAt >= committedBefore)
            {
                break;
            }

            expired.Add(row);
        }

        if (expired.Count == 0)
        {
            return 0;
        }

        await RaiseHeadAsync(pk, HistoryRows.Offset(expired[^1]), cancellationToken);

        // A transaction holds 100 entities: the message row and its id row, 50 messages at a time.
        foreach (var chunk in expired.Chunk(50))
        {
            var deletes = chunk.SelectMany(m => new[]
            {
                new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(pk, m.RowKey), ETag.All),
                new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(pk, HistoryRows.IdRowKey(m.GetString("Id") ?? string.Empty)), ETag.All),
            });
            await table.SubmitTransactionAsync(deletes, cancellationToken);
        }

        return expired.Count;
    }

    public async Task<IReadOnlyList<Envelope>> ReadAsync(string hub, string group, long after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var pk = HistoryRows.PartitionKey(hub, group);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey gt {HistoryRows.OffsetRowKey(after)} and RowKey lt {"~"}");
        var messages = new List<Envelope>(Math.Min(limit, 1000));
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken))
        {
            messages.Add(HistoryRows.ToEnvelope(hub, group, row));
            if (messages.Count == limit)
            {
                break;
            }
        }

        return messages;
    }

    /// <summary>The highest message row above <paramref name="after"/> (its offset and epoch), or null.</summary>
    private async Task<TableEntity?> LastMessageAsync(string pk, long after, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey gt {HistoryRows.OffsetRowKey(after)} and RowKey lt {"~"}");
        TableEntity? last = null;
        await foreach (var message in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "Epoch"], cancellationToken: cancellationToken))
        {
            last = message;
        }

        return last;
    }

    /// <summary>
    /// Whether a commit after <paramref name="expected"/> up to <paramref name="last"/> also writes the head row: the
    /// group's first commit, every <see cref="CheckpointEvery"/>-th offset, and whenever the writer's knowledge of the
    /// head is not its own recent commit.
    /// </summary>
    private bool MovesHead(GroupHead expected, long last) =>
        expected.ETag is null
        || last / CheckpointEvery > expected.LastOffset / CheckpointEvery
        || expected.CommittedAt is not { } committedAt
        || _clock.GetElapsedTime(committedAt) >= TrustCommittedHeadFor;

    /// <summary>Moves the head row up to <paramref name="offset"/> (never down) before the rows up to it are deleted.</summary>
    private async Task RaiseHeadAsync(string pk, long offset, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var head = (await table.GetEntityAsync<TableEntity>(pk, HistoryRows.HeadRowKey, cancellationToken: cancellationToken)).Value;
            if (head.GetInt64("LastOffset") >= offset)
            {
                return;
            }

            head["LastOffset"] = offset;
            try
            {
                await table.UpdateEntityAsync(head, head.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < 8)
            {
                // A commit moved the head meanwhile: read it again.
            }
        }
    }
}
