using System.Globalization;
using System.Text;
using System.Text.Json;
using FanOut.Core.History;
using FanOut.Core.Messages;
using FanOut.Storage.Tables;

namespace FanOut.Storage.History;

/// <summary>
/// How a group's history is laid out in its table partition <c>{hub}|{group}</c>: the head row
/// <c>~head</c>, one row per message keyed by its 19-digit offset, and one <c>~id~{id}</c> row per message id.
/// Message rows sort before <c>~</c>, so a range query over offsets never meets the other rows.
/// </summary>
public static class HistoryRows
{
    public const string HeadRowKey = "~head";
    public const string IdRowPrefix = "~id~";

    public static string PartitionKey(string hub, string group) => $"{hub}|{group}";

    public static string OffsetRowKey(long offset) => offset.ToString("D19", CultureInfo.InvariantCulture);

    public static string IdRowKey(string messageId) => IdRowPrefix + messageId;

    public static TableEntity Head(string partitionKey, long lastOffset, string epoch) =>
        new(partitionKey, HeadRowKey) { ["LastOffset"] = lastOffset, ["Epoch"] = epoch };

    public static GroupHead ToHead(TableEntity row) =>
        new(row.GetInt64("LastOffset") ?? 0, row.GetString("Epoch") ?? string.Empty, row.ETag);

    /// <summary><c>Data</c> is the raw JSON as UTF-8 bytes (Edm.Binary): a string would count double against the 64 KiB property limit.</summary>
    public static TableEntity Message(string partitionKey, Envelope envelope) =>
        new(partitionKey, OffsetRowKey(envelope.Offset))
        {
            ["Id"] = envelope.Id,
            ["Event"] = envelope.Event,
            ["Data"] = Encoding.UTF8.GetBytes(envelope.Data.ValueKind == JsonValueKind.Undefined ? "null" : envelope.Data.GetRawText()),
            ["SentAt"] = envelope.SentAt,
            ["Epoch"] = envelope.Epoch,
        };

    public static TableEntity Id(string partitionKey, string messageId, long offset) =>
        new(partitionKey, IdRowKey(messageId)) { ["Offset"] = offset };

    public static Envelope ToEnvelope(string hub, string group, TableEntity row)
    {
        using var data = JsonDocument.Parse(row.GetBinary("Data") ?? "null"u8.ToArray());
        return new Envelope(
            row.GetString("Id") ?? string.Empty,
            hub,
            group,
            long.Parse(row.RowKey, CultureInfo.InvariantCulture),
            row.GetString("Epoch") ?? string.Empty,
            row.GetString("Event") ?? string.Empty,
            data.RootElement.Clone(),
            row.GetDateTimeOffset("SentAt") ?? default);
    }
}
