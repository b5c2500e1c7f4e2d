using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using FanOut.Core.Publishing;

namespace FanOut.Storage.Idempotency;

/// <summary>
/// Idempotency records in Azure Table storage, one partition per hub and key (the key is hashed, so
/// any visible ASCII is safe as a table key and keys spread over partitions). Claims are inserts
/// (409 when the key is taken); every change after that, expiry included, is conditional on the record's ETag.
/// </summary>
public sealed class TableIdempotencyStore(TableClient table) : IIdempotencyStore
{
    public async Task<(IdempotencyRecord Record, bool Claimed)> ClaimAsync(IdempotencyRecord claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        while (true)
        {
            try
            {
                var response = await table.AddEntityAsync(ToRow(claim), cancellationToken);
                return (claim with { ETag = response.Headers.ETag?.ToString() }, true);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                if (await ReadAsync(claim.Hub, claim.Key, cancellationToken) is { } existing)
                {
                    return (existing, false);
                }

                // Released between our insert and our read: try again.
            }
        }
    }

    public async Task<IdempotencyRecord?> TryReplaceAsync(IdempotencyRecord current, IdempotencyRecord replacement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(replacement);
        try
        {
            var response = await table.UpdateEntityAsync(ToRow(replacement), new ETag(current.ETag!), TableUpdateMode.Replace, cancellationToken);
            return replacement with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    public async Task<IdempotencyRecord?> ReadAsync(string hub, string key, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(PartitionKey(hub, key), string.Empty, cancellationToken: cancellationToken);
        return row.HasValue ? FromRow(hub, key, row.Value!) : null;
    }

    public async Task ReleaseAsync(IdempotencyRecord claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        try
        {
            await table.DeleteEntityAsync(PartitionKey(claim.Hub, claim.Key), string.Empty, new ETag(claim.ETag!), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Already gone or taken over.
        }
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset createdBefore, int max, CancellationToken cancellationToken)
    {
        // A filter on a property scans the table; the sweep keeps the table to one window of keys, so the scan stays small.
        var filter = TableClient.CreateQueryFilter($"CreatedAt lt {createdBefore}");
        var deleted = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            try
            {
                // Conditional on the ETag: a key renewed since the query keeps its new record.
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
                deleted++;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Released or renewed meanwhile.
            }

            if (deleted == max)
            {
                break;
            }
        }

        return deleted;
    }

    internal static string PartitionKey(string hub, string key) =>
        $"{hub}|{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}";

    private static TableEntity ToRow(IdempotencyRecord record) => new(PartitionKey(record.Hub, record.Key), string.Empty)
    {
        ["RequestHash"] = record.RequestHash,
        ["MessageId"] = record.MessageId,
        ["Group"] = record.Group,
        ["Accepted"] = record.Accepted,
        ["CreatedAt"] = record.CreatedAt,
    };

    private static IdempotencyRecord FromRow(string hub, string key, TableEntity row) => new(
        hub,
        key,
        row.GetString("RequestHash") ?? string.Empty,
        row.GetString("MessageId") ?? string.Empty,
        row.GetString("Group") ?? string.Empty,
        row.GetBoolean("Accepted") ?? false,
        row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        row.ETag.ToString());
}
