namespace FanOut.Core.Negotiation;

/// <summary>Issues a client's connection info for a hub: where to connect and with which token.</summary>
public interface IClientNegotiator
{
    Task<ClientConnectionInfo> NegotiateAsync(string hub, string? userId, TimeSpan lifetime, CancellationToken cancellationToken);
}
