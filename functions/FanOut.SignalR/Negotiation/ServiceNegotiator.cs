using FanOut.Core.Negotiation;
using FanOut.SignalR.Connection;
using FanOut.SignalR.Rest;

namespace FanOut.SignalR.Negotiation;

/// <summary>
/// Azure SignalR Service's serverless negotiate answer: url <c>{client endpoint}/client/?hub={hub}</c> and a
/// client token the service itself issues through its <c>:generateToken</c> REST operation. That works
/// the same with an AccessKey and with a managed identity (no key to sign with), and against the local
/// stand-in, so one path serves both hosts.
/// </summary>
public sealed class ServiceNegotiator(SignalRRestClient client, SignalRServiceEndpoint endpoint) : IClientNegotiator
{
    public async Task<ClientConnectionInfo> NegotiateAsync(string hub, string? userId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(hub);
        var token = await client.GenerateClientTokenAsync(hub, userId, lifetime, cancellationToken);
        return new ClientConnectionInfo(ClientUrl(endpoint.ClientEndpoint, hub), token);
    }

    /// <summary>The url (and token audience) Azure SignalR Service gives clients of <paramref name="hub"/>.</summary>
    public static string ClientUrl(Uri clientEndpoint, string hub)
    {
        ArgumentNullException.ThrowIfNull(clientEndpoint);
        return $"{clientEndpoint.AbsoluteUri.TrimEnd('/')}/client/?hub={Uri.EscapeDataString(hub)}";
    }
}
