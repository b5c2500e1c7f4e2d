using System.Globalization;
using Azure.Data.Tables;
using FanOut.Core.History;
using FanOut.Core.Messages;

namespace FanOut.Storage.History;

/// <summary>
/// How a group's history is laid out in its table partition <c>{hub}|{group}</c>: the head row
/// <c>~head</c> (a checkpoint: an offset that was committed, and the epoch), one row per message keyed by its
/// 19-digit offset, and one <c>~id~{id}</c> row per message id. Message rows sort before <c>~</c>, so a range
/// query over offsets never meets the other rows.
/// </summary>
public static class HistoryRows
{
    public const string HeadRowKey = "~head";
    public const string IdRowPrefix = "~id~";

    public static string PartitionKey(string hub, string group) => $"{hub}|{group}";

    public static string OffsetRowKey(long offset) => offset.ToString("D19", CultureInfo.InvariantCulture);

    public static string IdRowKey(string messageId) => IdRowPrefix + messageId;

    /// <summary>The offset of a message row.</summary>
    public static long Offset(TableEntity row) => long.Parse(row.RowKey, CultureInfo.InvariantCulture);

    public static TableEntity Head(string partitionKey, long lastOffset, string epoch) =>
        new(partitionKey, HeadRowKey) { ["LastOffset"] = lastOffset, ["Epoch"] = epoch };

    public static GroupHead ToHead(TableEntity row, string? etag = null) =>
        new(row.GetInt64("LastOffset") ?? 0, row.GetString("Epoch") ?? string.Empty, etag ?? row.ETag.ToString());

    /// <summary>
    /// <c>Data</c> is the raw JSON as UTF-8 bytes (Edm.Binary): a string would count double against the 64 KiB
    /// property limit. Larger data is in the payload store, and the row holds <c>DataRef</c>.
    /// </summary>
    public static TableEntity Message(string partitionKey, Envelope envelope)
    {
        var row = new TableEntity(partitionKey, OffsetRowKey(envelope.Offset))
        {
            ["Id"] = envelope.Id,
            ["Event"] = envelope.Event,
            ["SentAt"] = envelope.SentAt,
            ["Epoch"] = envelope.Epoch,
        };
        if (envelope.DataRef is { } reference)
        {
            // Large data stays in the payload store: a table property holds at most 64 KiB.
            row["DataRef"] = reference;
        }
        else
        {
            row["Data"] = envelope.Data.Utf8.ToArray();
        }

        if (envelope.Except is { Count: > 0 } except)
        {
            row["Except"] = string.Join(' ', except);
        }

        return row;
    }

    public static TableEntity Id(string partitionKey, string messageId, long offset) =>
        new(partitionKey, IdRowKey(messageId)) { ["Offset"] = offset };

    /// <summary>
    /// The envelope of a message row. Stored data that is not JSON every client can read (written by
    /// hand, or by an older version) comes back as <c>null</c> rather than breaking the history page.
    /// </summary>
    public static Envelope ToEnvelope(string hub, string group, TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var data = row.GetBinary("Data");
        return new Envelope(
            row.GetString("Id") ?? string.Empty,
            hub,
            group,
            Offset(row),
            row.GetString("Epoch") ?? string.Empty,
            row.GetString("Event") ?? string.Empty,
            data is not null && JsonBodyInspector.Check(data) is null ? RawJson.FromTrustedUtf8(data) : RawJson.Null,
            row.GetDateTimeOffset("SentAt") ?? default)
        {
            Except = row.GetString("Except")?.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            DataRef = row.GetString("DataRef"),
        };
    }
}
