using System.Globalization;

namespace FanOut.Storage.Connections;

/// <summary>
/// Reads an Azure Storage connection string (<c>UseDevelopmentStorage=true</c>, or account name and key
/// with a protocol and suffix and/or explicit service endpoints) the way the Storage SDKs do.
/// </summary>
public static class ConnectionStringParser
{
    public static StorageEndpoints Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = Split(connectionString);

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var useDev) && useDev)
        {
            return new StorageEndpoints(
                DevelopmentStorage.QueueEndpoint,
                DevelopmentStorage.TableEndpoint,
                DevelopmentStorage.BlobEndpoint,
                new StorageSharedKey(DevelopmentStorage.AccountName, DevelopmentStorage.AccountKey),
                null);
        }

        if (!parts.TryGetValue("AccountName", out var account) || !parts.TryGetValue("AccountKey", out var key))
        {
            throw new FormatException("A storage connection string needs AccountName and AccountKey (or UseDevelopmentStorage=true); SAS connection strings are not supported.");
        }

        var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        return new StorageEndpoints(
            Endpoint(parts, "QueueEndpoint", protocol, account, "queue", suffix),
            Endpoint(parts, "TableEndpoint", protocol, account, "table", suffix),
            Endpoint(parts, "BlobEndpoint", protocol, account, "blob", suffix),
            new StorageSharedKey(account, key),
            null);
    }

    private static Dictionary<string, string> Split(string connectionString)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("A storage connection string is a list of 'name=value' pairs separated by ';'.");
            }

            parts[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
        }

        return parts;
    }

    private static Uri Endpoint(Dictionary<string, string> parts, string explicitKey, string protocol, string account, string service, string suffix) =>
        parts.TryGetValue(explicitKey, out var explicitEndpoint)
            ? new Uri(explicitEndpoint.TrimEnd('/'))
            : new Uri(string.Create(CultureInfo.InvariantCulture, $"{protocol}://{account}.{service}.{suffix}"));
}
