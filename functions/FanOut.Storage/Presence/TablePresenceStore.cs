using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using FanOut.Core.Rooms;

namespace FanOut.Storage.Presence;

/// <summary>
/// Presence in Azure Table storage:
/// <list type="bullet">
/// <item>live connections in one partition <c>~connections</c>, row <c>{hub}|{connectionId}</c> (the sweep reads them all);</item>
/// <item>each user's count of live connections: partition <c>{hub}|~users</c>, row <c>{userId}</c>, changed under If-Match;</item>
/// <item>group members: partition <c>{hub}|{group}</c>, row <c>{userId}</c>.</item>
/// </list>
/// A repeated connect or disconnect event changes nothing (the connection row decides), so counts do not drift.
/// </summary>
public sealed class TablePresenceStore(TableClient table) : IPresenceStore
{
    private const string ConnectionsPartition = "~connections";

    public async Task<bool> AddConnectionAsync(TrackedConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var row = new TableEntity(ConnectionsPartition, $"{connection.Hub}|{connection.ConnectionId}")
        {
            ["Hub"] = connection.Hub,
            ["ConnectionId"] = connection.ConnectionId,
            ["UserId"] = connection.UserId,
            ["ConnectedAt"] = connection.ConnectedAt,
        };
        try
        {
            await table.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }

        if (connection.UserId is { } userId)
        {
            await ChangeCountAsync(connection.Hub, userId, +1, cancellationToken);
        }

        return true;
    }

    public async Task<TrackedConnection?> RemoveConnectionAsync(string hub, string connectionId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(ConnectionsPartition, $"{hub}|{connectionId}", cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        try
        {
            await table.DeleteEntityAsync(ConnectionsPartition, $"{hub}|{connectionId}", row.Value!.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }

        var connection = ToConnection(row.Value);
        if (connection.UserId is { } userId)
        {
            await ChangeCountAsync(hub, userId, -1, cancellationToken);
        }

        return connection;
    }

    public Task AddMemberAsync(string hub, string group, string userId, DateTimeOffset at, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(new TableEntity($"{hub}|{group}", userId) { ["JoinedAt"] = at }, TableUpdateMode.Replace, cancellationToken);

    public async Task RemoveMemberAsync(string hub, string group, string userId, CancellationToken cancellationToken) =>
        await table.DeleteEntityAsync($"{hub}|{group}", userId, ETag.All, cancellationToken);

    public async Task<IReadOnlyList<PresenceEntry>> ListAsync(string hub, string group, CancellationToken cancellationToken)
    {
        var members = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {$"{hub}|{group}"}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            members.Add(row.RowKey);
        }

        var online = new List<PresenceEntry>();
        foreach (var chunk in members.Chunk(50))
        {
            var filter = $"PartitionKey eq '{Escape(hub)}|~users' and ({string.Join(" or ", chunk.Select(u => $"RowKey eq '{Escape(u)}'"))})";
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (row.GetInt32("Connections") is > 0 and var count)
                {
                    online.Add(new PresenceEntry(row.RowKey, count));
                }
            }
        }

        return [.. online.OrderBy(p => p.UserId, StringComparer.Ordinal)];
    }

    public async IAsyncEnumerable<TrackedConnection> ConnectionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ConnectionsPartition}"), cancellationToken: cancellationToken))
        {
            yield return ToConnection(row);
        }
    }

    /// <summary>Adds <paramref name="delta"/> to the user's live-connection count, retrying when another writer got there first.</summary>
    private async Task ChangeCountAsync(string hub, string userId, int delta, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 32; attempt++)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>($"{hub}|~users", userId, cancellationToken: cancellationToken);
            var count = Math.Max(0, (current.HasValue ? current.Value!.GetInt32("Connections") ?? 0 : 0) + delta);
            var row = new TableEntity($"{hub}|~users", userId) { ["Connections"] = count };
            try
            {
                if (current.HasValue)
                {
                    await table.UpdateEntityAsync(row, current.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await table.AddEntityAsync(row, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another connection of the same user changed it first: read again.
            }
        }
    }

    private static TrackedConnection ToConnection(TableEntity row) =>
        new(row.GetString("Hub") ?? string.Empty, row.GetString("ConnectionId") ?? string.Empty, row.GetString("UserId"), row.GetDateTimeOffset("ConnectedAt") ?? default);

    private static string Escape(string value) => value.Replace("'", "''", StringComparison.Ordinal);
}
