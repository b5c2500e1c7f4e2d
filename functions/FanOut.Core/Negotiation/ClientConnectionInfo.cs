namespace FanOut.Core.Negotiation;

/// <summary>The negotiate answer of Azure SignalR Service's serverless contract: where to connect and with which token.</summary>
public sealed record ClientConnectionInfo(string Url, string AccessToken);
