namespace FanOut.Storage.Tables;

/// <summary>Entity addresses in Table URLs: keys as OData string literals (quotes doubled), then percent-encoded.</summary>
public static class TableKeys
{
    public static string EntityPath(string table, string partitionKey, string rowKey) =>
        $"/{table}(PartitionKey='{Escape(partitionKey)}',RowKey='{Escape(rowKey)}')";

    public static string Escape(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));
    }
}
