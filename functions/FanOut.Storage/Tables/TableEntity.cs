namespace FanOut.Storage.Tables;

/// <summary>
/// One Table entity: its keys, ETag and Timestamp, and named properties of the Edm types Table stores
/// (string, bool, int, long, double, DateTimeOffset, Guid, byte[]), with typed getters.
/// </summary>
public sealed class TableEntity(string partitionKey, string rowKey)
{
    private readonly Dictionary<string, object?> _properties = new(StringComparer.Ordinal);

    public string PartitionKey { get; set; } = partitionKey;

    public string RowKey { get; set; } = rowKey;

    /// <summary>The service's concurrency token as last read or written (null for a new entity).</summary>
    public string? ETag { get; set; }

    /// <summary>When the service last modified the entity (read-only on the service side).</summary>
    public DateTimeOffset? Timestamp { get; set; }

    public IReadOnlyDictionary<string, object?> Properties => _properties;

    /// <summary>A property's value, or null when absent; setting null removes nothing but stores no value.</summary>
    public object? this[string name]
    {
        get => _properties.GetValueOrDefault(name);
        set => _properties[name] = value;
    }

    public bool Remove(string name) => _properties.Remove(name);

    public string? GetString(string name) => (string?)this[name];

    public bool? GetBoolean(string name) => (bool?)this[name];

    public int? GetInt32(string name) => this[name] switch
    {
        null => null,
        int i => i,
        long l => checked((int)l),
        var other => throw Mismatch(name, other, "Int32"),
    };

    public long? GetInt64(string name) => this[name] switch
    {
        null => null,
        long l => l,
        int i => i,
        var other => throw Mismatch(name, other, "Int64"),
    };

    public double? GetDouble(string name) => this[name] switch
    {
        null => null,
        double d => d,
        int i => i,
        long l => l,
        var other => throw Mismatch(name, other, "Double"),
    };

    public DateTimeOffset? GetDateTimeOffset(string name) => this[name] switch
    {
        null => null,
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        var other => throw Mismatch(name, other, "DateTime"),
    };

    public Guid? GetGuid(string name) => (Guid?)this[name];

    public byte[]? GetBinary(string name) => (byte[]?)this[name];

    private static InvalidCastException Mismatch(string name, object value, string expected) =>
        new($"Property '{name}' holds a {value.GetType().Name}, not Edm.{expected}.");
}
