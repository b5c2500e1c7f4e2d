using Azure.Core;
using Azure.Identity;
using FanOut.Core;
using Microsoft.Extensions.Configuration;

namespace FanOut.SignalR.Connection;

/// <summary>
/// Resolves the SignalR endpoint from configuration the way the Functions SignalR extension does:
/// the value of <see cref="FanOutNames.SignalRConnection"/> is a connection string; otherwise its
/// section holds <c>serviceUri</c>, <c>credential</c> (<c>managedidentity</c>) and <c>clientId</c>.
/// </summary>
internal static class ConfigurationEndpointReader
{
    public static SignalRServiceEndpoint Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(FanOutNames.SignalRConnection);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return ConnectionStringParser.Parse(section.Value);
        }

        var serviceUri = section["serviceUri"];
        if (string.IsNullOrWhiteSpace(serviceUri))
        {
            throw new InvalidOperationException(
                $"Azure SignalR Service is not configured: set '{FanOutNames.SignalRConnection}' to a connection string " +
                $"(Endpoint=...;AccessKey=...;Version=1.0;) or '{FanOutNames.SignalRConnection}__serviceUri' " +
                "(with __credential=managedidentity and __clientId for a user-assigned identity).");
        }

        if (!EndpointUris.TryParseHttp(serviceUri, out var endpoint))
        {
            throw new FormatException($"'{FanOutNames.SignalRConnection}__serviceUri' is not an http(s) URL.");
        }

        return new SignalRServiceEndpoint(endpoint, endpoint, accessKey: null, CreateCredential(section["credential"], section["clientId"]));
    }

    private static TokenCredential CreateCredential(string? kind, string? clientId)
    {
        var hasClientId = !string.IsNullOrWhiteSpace(clientId);
        if (string.Equals(kind, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return new ManagedIdentityCredential(hasClientId
                ? ManagedIdentityId.FromUserAssignedClientId(clientId!)
                : ManagedIdentityId.SystemAssigned);
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = hasClientId ? clientId : null,
        });
    }
}
