using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace FanOut.Storage.Tables;

/// <summary>
/// Entities in the Table service's OData JSON: every non-string, non-bool value carries an <c>@odata.type</c>
/// annotation (Int64 as a string; Int32 too, as Azurite stores an unannotated number as Edm.Double), and
/// values are read back typed from <c>odata=minimalmetadata</c>.
/// </summary>
public static class TableEntityJson
{
    private const string TypeSuffix = "@odata.type";

    public static byte[] Serialize(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("PartitionKey", entity.PartitionKey);
            writer.WriteString("RowKey", entity.RowKey);
            foreach (var (name, value) in entity.Properties)
            {
                WriteProperty(writer, name, value);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static TableEntity Parse(JsonElement json, string? etag = null)
    {
        var entity = new TableEntity(
            json.GetProperty("PartitionKey").GetString() ?? string.Empty,
            json.GetProperty("RowKey").GetString() ?? string.Empty)
        {
            ETag = json.TryGetProperty("odata.etag", out var e) ? e.GetString() : etag,
        };

        foreach (var property in json.EnumerateObject())
        {
            var name = property.Name;
            if (name is "PartitionKey" or "RowKey" || name.StartsWith("odata.", StringComparison.Ordinal) || name.EndsWith(TypeSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            var type = json.TryGetProperty(name + TypeSuffix, out var t) ? t.GetString() : null;
            var value = ReadValue(property.Value, type);
            if (name == "Timestamp")
            {
                entity.Timestamp = value as DateTimeOffset? ?? ParseDate(property.Value.GetString());
                continue;
            }

            entity[name] = value;
        }

        return entity;
    }

    internal static string FormatDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static void WriteProperty(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null: return;
            case string s: writer.WriteString(name, s); return;
            case bool b: writer.WriteBoolean(name, b); return;
            case int i: writer.WriteString(name + TypeSuffix, "Edm.Int32"); writer.WriteNumber(name, i); return;
            case long l: Typed(writer, name, "Edm.Int64", l.ToString(CultureInfo.InvariantCulture)); return;
            case double d: writer.WriteString(name + TypeSuffix, "Edm.Double"); writer.WriteNumber(name, d); return;
            case DateTimeOffset dto: Typed(writer, name, "Edm.DateTime", FormatDate(dto)); return;
            case DateTime dt: Typed(writer, name, "Edm.DateTime", FormatDate(new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)))); return;
            case Guid g: Typed(writer, name, "Edm.Guid", g.ToString("D")); return;
            case byte[] bytes: Typed(writer, name, "Edm.Binary", Convert.ToBase64String(bytes)); return;
            default: throw new NotSupportedException($"Property '{name}' has type {value.GetType().Name}, which Table storage does not hold.");
        }
    }

    private static void Typed(Utf8JsonWriter writer, string name, string type, string value)
    {
        writer.WriteString(name + TypeSuffix, type);
        writer.WriteString(name, value);
    }

    private static object? ReadValue(JsonElement value, string? type) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when type == "Edm.Double" => value.GetDouble(),
        JsonValueKind.Number when type == "Edm.Int64" => value.GetInt64(),
        JsonValueKind.Number when type == "Edm.Int32" => value.GetInt32(),
        JsonValueKind.Number => ReadNumber(value),
        JsonValueKind.String => ReadString(value.GetString()!, type),
        _ => value.GetRawText(),
    };

    /// <summary>An unannotated number: Int32 when it fits, else Int64, else Double (each boxed as itself).</summary>
    private static object ReadNumber(JsonElement value)
    {
        if (value.TryGetInt32(out var i))
        {
            return i;
        }

        return value.TryGetInt64(out var l) ? (object)l : value.GetDouble();
    }

    private static object ReadString(string text, string? type) => type switch
    {
        "Edm.Int64" => long.Parse(text, CultureInfo.InvariantCulture),
        "Edm.Int32" => int.Parse(text, CultureInfo.InvariantCulture),
        "Edm.Double" => double.Parse(text, CultureInfo.InvariantCulture),
        "Edm.Binary" => Convert.FromBase64String(text),
        "Edm.DateTime" => ParseDate(text)!.Value,
        "Edm.Guid" => Guid.Parse(text),
        _ => text,
    };

    private static DateTimeOffset? ParseDate(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
