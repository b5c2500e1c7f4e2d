using Azure;
using Azure.Data.Tables;
using FanOut.Core.History;
using FanOut.Core.Messages;

namespace FanOut.Storage.History;

/// <summary>
/// Group history in Azure Table storage (layout in <see cref="HistoryRows"/>). A commit is one entity
/// group transaction: the head moves under If-Match and every message and id row is inserted, all or
/// nothing. An id row that already exists (a redelivered message) fails the whole transaction with 409.
/// </summary>
public sealed class TableHistoryStore(TableClient table) : IHistoryStore
{
    /// <summary>A transaction holds 100 entities: the head plus two rows per message.</summary>
    public int MaxMessagesPerCommit => 49;

    /// <summary>A transaction's body is at most 4 MiB; binary data travels base64-encoded (4/3).</summary>
    public int MaxDataBytesPerCommit => 2 * 1024 * 1024;

    public async Task<GroupHead?> ReadHeadAsync(string hub, string group, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(HistoryRows.PartitionKey(hub, group), HistoryRows.HeadRowKey, cancellationToken: cancellationToken);
        return row.HasValue ? HistoryRows.ToHead(row.Value!) : null;
    }

    public async Task<GroupHead?> TryCommitAsync(GroupHead expected, IReadOnlyList<Envelope> envelopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(envelopes);
        var pk = HistoryRows.PartitionKey(envelopes[0].Hub, envelopes[0].Group);
        var head = HistoryRows.Head(pk, envelopes[^1].Offset, expected.Epoch);
        var actions = new List<TableTransactionAction>(1 + (2 * envelopes.Count))
        {
            expected.ETag is null
                ? new(TableTransactionActionType.Add, head)
                : new(TableTransactionActionType.UpdateReplace, head, new ETag(expected.ETag)),
        };
        foreach (var envelope in envelopes)
        {
            actions.Add(new(TableTransactionActionType.Add, HistoryRows.Message(pk, envelope)));
            actions.Add(new(TableTransactionActionType.Add, HistoryRows.Id(pk, envelope.Id, envelope.Offset)));
        }

        try
        {
            var responses = await table.SubmitTransactionAsync(actions, cancellationToken);
            return HistoryRows.ToHead(head, responses.Value[0].Headers.ETag?.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
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
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey lt {"~"}");
        var expired = new List<(string RowKey, string Id)>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), select: ["RowKey", "Id", "SentAt"], cancellationToken: cancellationToken))
        {
            // Offsets ascend with time closely enough: stop at the first message that is still kept.
            if (expired.Count == max || row.GetDateTimeOffset("SentAt") is not { } sentAt || sentAt >= sentBefore)
            {
                break;
            }

            expired.Add((row.RowKey, row.GetString("Id") ?? string.Empty));
        }

        // A transaction holds 100 entities: the message row and its id row, 50 messages at a time.
        foreach (var chunk in expired.Chunk(50))
        {
            var deletes = chunk.SelectMany(m => new[]
            {
                new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(pk, m.RowKey), ETag.All),
                new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(pk, HistoryRows.IdRowKey(m.Id)), ETag.All),
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
}
