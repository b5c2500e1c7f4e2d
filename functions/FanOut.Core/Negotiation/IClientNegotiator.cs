namespace FanOut.Core.Negotiation;

/// <summary>Issues a client's connection info for a hub (what the SignalRConnectionInfo binding does in Azure Functions).</summary>
public interface IClientNegotiator
{
    ClientConnectionInfo Negotiate(string hub, string? userId);
}
