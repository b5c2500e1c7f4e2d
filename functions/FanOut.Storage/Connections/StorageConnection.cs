using Microsoft.Extensions.Configuration;

namespace FanOut.Storage.Connections;

/// <summary>
/// Reads a storage connection the way the Functions host does and hands it to Microsoft.Extensions.Azure
/// in the shape its client factory expects. The connection is either a connection string (the section's
/// own value: <c>UseDevelopmentStorage=true</c>, or <c>DefaultEndpointsProtocol=...;AccountKey=...</c>),
/// or identity-based: <c>&lt;name&gt;__queueServiceUri</c> / <c>__tableServiceUri</c> (or <c>__accountName</c>)
/// with <c>__credential</c>, <c>__clientId</c> and the other credential keys, which pass through unchanged.
/// </summary>
public static class StorageConnection
{
    /// <summary>The configuration for one service's client: <paramref name="service"/> is <c>queue</c>, <c>table</c> or <c>blob</c>.</summary>
    public static IConfiguration ForService(IConfigurationSection connection, string service)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!string.IsNullOrWhiteSpace(connection.Value))
        {
            return connection;
        }

        var uri = connection[$"{service}ServiceUri"]
            ?? (connection["accountName"] is { Length: > 0 } account ? $"https://{account}.{service}.core.windows.net" : null)
            ?? throw new InvalidOperationException(
                $"Storage connection '{connection.Path}' is not configured: set it to a connection string (UseDevelopmentStorage=true locally), " +
                $"or set '{connection.Path}__{service}ServiceUri' with '__credential=managedidentity' and '__clientId'.");

        // The SDK constructors name the endpoint parameter 'serviceUri' (queues, blobs) and 'endpoint' (tables).
        var settings = connection.GetChildren()
            .Where(child => child.Value is not null && !child.Key.EndsWith("ServiceUri", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(child => child.Key, child => child.Value);
        settings[service == "table" ? "endpoint" : "serviceUri"] = uri;
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }
}
