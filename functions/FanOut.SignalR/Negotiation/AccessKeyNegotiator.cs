using FanOut.Core.Negotiation;
using FanOut.SignalR.Connection;
using FanOut.SignalR.Tokens;

namespace FanOut.SignalR.Negotiation;

/// <summary>
/// Azure SignalR Service's serverless negotiate answer made with the AccessKey: url
/// <c>{client endpoint}/client/?hub={hub}</c> and an HS256 token for that url (1 hour, <c>nameid</c> = user id).
/// With identity-only configuration there is no key to sign with: in Azure, the Functions
/// SignalRConnectionInfo binding negotiates instead, and this class throws <see cref="NotSupportedException"/>.
/// </summary>
public sealed class AccessKeyNegotiator : IClientNegotiator
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    private readonly SignalRServiceEndpoint _endpoint;
    private readonly AccessKeyTokenIssuer? _issuer;

    public AccessKeyNegotiator(SignalRServiceEndpoint endpoint, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoint = endpoint;
        _issuer = endpoint.AccessKey is { } key ? new AccessKeyTokenIssuer(key, time) : null;
    }

    public ClientConnectionInfo Negotiate(string hub, string? userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(hub);
        if (_issuer is null)
        {
            throw new NotSupportedException(
                "Negotiating needs the AccessKey of an Azure SignalR connection string; with identity-based settings " +
                "(serviceUri + managed identity) use the Functions SignalRConnectionInfo binding, which asks the service for client tokens.");
        }

        var url = ClientUrl(_endpoint.ClientEndpoint, hub);
        return new ClientConnectionInfo(url, _issuer.CreateToken(url, TokenLifetime, userId));
    }

    /// <summary>The url (and token audience) Azure SignalR Service gives clients of <paramref name="hub"/>.</summary>
    public static string ClientUrl(Uri clientEndpoint, string hub)
    {
        ArgumentNullException.ThrowIfNull(clientEndpoint);
        return $"{clientEndpoint.AbsoluteUri.TrimEnd('/')}/client/?hub={Uri.EscapeDataString(hub)}";
    }
}
