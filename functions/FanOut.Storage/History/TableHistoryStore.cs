using Azure;
using FanOut.Core.History;
using FanOut.Core.Messages;
using FanOut.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace FanOut.Storage.History;

/// <summary>
/// Group history in Azure Table storage (layout in <see cref="HistoryRows"/>). A commit is one entity
/// group transaction: the head moves under If-Match, and the message and id rows are inserted, all or nothing.
/// </summary>
public sealed partial class TableHistoryStore(TableClient table, ILogger<TableHistoryStore> logger) : IHistoryStore
{
    /// <summary>The Table service returns at most 1,000 entities per query page.</summary>
    private const int MaxPageSize = 1000;

    public async Task<GroupHead?> ReadHeadAsync(string hub, string group, CancellationToken cancellationToken)
    {
        var row = await table.GetAsync(HistoryRows.PartitionKey(hub, group), HistoryRows.HeadRowKey, cancellationToken);
        return row is null ? null : HistoryRows.ToHead(row);
    }

    public async Task<CommitOutcome> TryCommitAsync(GroupHead expected, Envelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(envelope);
        var pk = HistoryRows.PartitionKey(envelope.Hub, envelope.Group);
        var head = HistoryRows.Head(pk, envelope.Offset, envelope.Epoch);
        TableTransactionAction[] actions =
        [
            expected.ETag is null
                ? new(TableTransactionActionType.Add, head)
                : new(TableTransactionActionType.UpdateReplace, head, expected.ETag),
            new(TableTransactionActionType.Add, HistoryRows.Message(pk, envelope)),
            new(TableTransactionActionType.Add, HistoryRows.Id(pk, envelope.Id, envelope.Offset)),
        ];

        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return CommitOutcome.Committed;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            var known = await table.GetAsync(pk, HistoryRows.IdRowKey(envelope.Id), cancellationToken) is not null;
            LogConflict(logger, envelope.Id, pk, envelope.Offset, ex.Status, known);
            return known ? CommitOutcome.AlreadyStored : CommitOutcome.HeadChanged;
        }
    }

    public async Task<Envelope?> FindAsync(string hub, string group, string messageId, CancellationToken cancellationToken)
    {
        var pk = HistoryRows.PartitionKey(hub, group);
        var id = await table.GetAsync(pk, HistoryRows.IdRowKey(messageId), cancellationToken);
        if (id?.GetInt64("Offset") is not { } offset)
        {
            return null;
        }

        var row = await table.GetAsync(pk, HistoryRows.OffsetRowKey(offset), cancellationToken);
        return row is null ? null : HistoryRows.ToEnvelope(hub, group, row);
    }

    public async Task<IReadOnlyList<Envelope>> ReadAsync(string hub, string group, long after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var pk = HistoryRows.PartitionKey(hub, group);
        var filter = TableFilter.Create($"PartitionKey eq {pk} and RowKey gt {HistoryRows.OffsetRowKey(after)} and RowKey lt {"~"}");
        var messages = new List<Envelope>(Math.Min(limit, 1000));
        TableContinuation? continuation = null;
        do
        {
            var page = await table.QueryAsync(filter, Math.Min(MaxPageSize, limit - messages.Count), continuation, cancellationToken);
            messages.AddRange(page.Entities.Select(row => HistoryRows.ToEnvelope(hub, group, row)));
            continuation = page.Continuation;
        }
        while (continuation is not null && messages.Count < limit);

        return messages;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Commit of {MessageId} at {Partition}/{Offset} refused with {Status}; already stored: {AlreadyStored}")]
    private static partial void LogConflict(ILogger logger, string messageId, string partition, long offset, int status, bool alreadyStored);
}
