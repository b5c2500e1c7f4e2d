using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace FanOut.Storage.Connections;

/// <summary>
/// Resolves a Functions-style storage connection by name: a connection string in the setting itself
/// (or <c>AzureWebJobs{name}</c>, or <c>ConnectionStrings:{name}</c>), else an identity-based section
/// (<c>{name}__queueServiceUri</c>, <c>__tableServiceUri</c>, <c>__accountName</c>, <c>__credential</c>, <c>__clientId</c>).
/// </summary>
public static class StorageConnectionResolver
{
    public static StorageEndpoints Resolve(IConfiguration configuration, string connectionName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        foreach (var section in Candidates(configuration, connectionName))
        {
            if (!string.IsNullOrWhiteSpace(section.Value))
            {
                return ConnectionStringParser.Parse(section.Value);
            }

            if (section.GetChildren().Any())
            {
                return FromIdentitySection(section);
            }
        }

        throw new InvalidOperationException(
            $"Storage connection '{connectionName}' is not configured. Set the app setting '{connectionName}' to a connection string " +
            $"(UseDevelopmentStorage=true locally), or '{connectionName}__queueServiceUri' and '{connectionName}__tableServiceUri' for an identity-based connection.");
    }

    private static IEnumerable<IConfigurationSection> Candidates(IConfiguration configuration, string name)
    {
        yield return configuration.GetSection(name);
        if (!name.StartsWith("AzureWebJobs", StringComparison.OrdinalIgnoreCase))
        {
            yield return configuration.GetSection("AzureWebJobs" + name);
        }

        yield return configuration.GetSection("ConnectionStrings").GetSection(name);
    }

    private static StorageEndpoints FromIdentitySection(IConfigurationSection section)
    {
        var account = section["accountName"];
        return new StorageEndpoints(
            ServiceUri(section, "queueServiceUri", account, "queue"),
            ServiceUri(section, "tableServiceUri", account, "table"),
            ServiceUri(section, "blobServiceUri", account, "blob") ?? ServiceUri(section, "serviceUri", null, "blob"),
            null,
            CreateCredential(section["credential"], section["clientId"]));
    }

    private static Uri? ServiceUri(IConfigurationSection section, string key, string? accountName, string service)
    {
        var value = section[key];
        if (!string.IsNullOrWhiteSpace(value))
        {
            return new Uri(value.TrimEnd('/'));
        }

        return string.IsNullOrWhiteSpace(accountName) ? null : new Uri($"https://{accountName}.{service}.core.windows.net");
    }

    /// <summary><c>managedidentity</c> means exactly that identity; anything else the default chain (as the Functions host does).</summary>
    internal static TokenCredential CreateCredential(string? credential, string? clientId)
    {
        var hasClientId = !string.IsNullOrWhiteSpace(clientId);
        if (string.Equals(credential, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return hasClientId
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId!))
                : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
        }

        var options = new DefaultAzureCredentialOptions();
        if (hasClientId)
        {
            options.ManagedIdentityClientId = clientId;
        }

        return new DefaultAzureCredential(options);
    }
}
