using Azure.Core;
using Azure.Core.Pipeline;
using FanOut.SignalR.Tokens;

namespace FanOut.SignalR.Rest;

/// <summary>
/// Signs every attempt of a REST request with a fresh AccessKey JWT whose audience is the request URL
/// without its query (scheme, host, port and path), which is what Azure SignalR Service checks.
/// </summary>
internal sealed class AccessKeyAuthenticationPolicy(AccessKeyTokenIssuer issuer, TimeSpan lifetime) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var audience = GetAudience(message.Request.Uri.ToUri());
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, "Bearer " + issuer.CreateToken(audience, lifetime));
    }

    /// <summary>The REST token audience for a request URL.</summary>
    internal static string GetAudience(Uri requestUri) => requestUri.GetLeftPart(UriPartial.Path);
}
