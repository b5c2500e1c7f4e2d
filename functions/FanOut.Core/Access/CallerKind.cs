namespace FanOut.Core.Access;

/// <summary>How a <see cref="Caller"/> proved who it is.</summary>
public enum CallerKind
{
    /// <summary>No credential.</summary>
    Anonymous,

    /// <summary>One of the hub's publisher keys.</summary>
    PublisherKey,

    /// <summary>A JWT bearer token from the configured OpenID Connect issuer.</summary>
    JwtUser,

    /// <summary>The App Service Authentication principal (trusted only when it is switched on).</summary>
    AppServiceUser,

    /// <summary>A connected client, identified by the SignalR service (a client event over the socket).</summary>
    Connection,
}
