using Azure.Core;
using Microsoft.Extensions.Configuration;

namespace FanOut.SignalR.Connection;

/// <summary>
/// Where Azure SignalR Service (or the local stand-in) answers and how the app authenticates to it:
/// with the connection string's AccessKey, or with a Microsoft Entra <see cref="TokenCredential"/>.
/// </summary>
public sealed class SignalRServiceEndpoint
{
    /// <summary>Creates an endpoint; exactly one of <paramref name="accessKey"/> and <paramref name="credential"/> is given.</summary>
    public SignalRServiceEndpoint(Uri serverEndpoint, Uri clientEndpoint, string? accessKey, TokenCredential? credential)
    {
        ArgumentNullException.ThrowIfNull(serverEndpoint);
        ArgumentNullException.ThrowIfNull(clientEndpoint);
        if ((accessKey is null) == (credential is null))
        {
            throw new ArgumentException("Give either an AccessKey or a TokenCredential, not both or neither.");
        }

        ServerEndpoint = EndpointUris.TrimTrailingSlash(serverEndpoint);
        ClientEndpoint = EndpointUris.TrimTrailingSlash(clientEndpoint);
        AccessKey = accessKey;
        Credential = credential;
    }

    /// <summary>The base of the data-plane REST API (<c>Endpoint</c>, with <c>Port</c> applied), without a trailing slash.</summary>
    public Uri ServerEndpoint { get; }

    /// <summary>The base clients connect to (<c>ClientEndpoint</c>, else the server endpoint), without a trailing slash.</summary>
    public Uri ClientEndpoint { get; }

    /// <summary>The key that signs REST and client tokens; null with identity-based configuration.</summary>
    public string? AccessKey { get; }

    /// <summary>The Microsoft Entra credential for REST calls; null with an AccessKey.</summary>
    public TokenCredential? Credential { get; }

    /// <summary>Parses <c>Endpoint=...;AccessKey=...;Version=1.0;</c> (optional <c>Port=</c>, <c>ClientEndpoint=</c>).</summary>
    public static SignalRServiceEndpoint Parse(string connectionString) => ConnectionStringParser.Parse(connectionString);

    /// <summary>
    /// Reads <see cref="Core.FanOutNames.SignalRConnection"/>: a connection string, or the identity-based
    /// section (<c>serviceUri</c>, <c>credential</c>, <c>clientId</c>) Azure Functions uses.
    /// </summary>
    public static SignalRServiceEndpoint FromConfiguration(IConfiguration configuration) =>
        ConfigurationEndpointReader.Read(configuration);
}
