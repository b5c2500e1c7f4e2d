using FanOut.Api.Access;
using FanOut.SignalR.Connection;
using FanOut.SignalR.Upstream;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace FanOut.Api.Upstream;

/// <summary>
/// Is an upstream request really from our SignalR service? With an AccessKey connection string, the
/// <c>X-ASRS-Signature</c> must match the key; with identity-based settings (no key), the service sends a
/// Microsoft Entra token for its managed identity, validated by the <see cref="JwtAuthentication.UpstreamScheme"/>
/// scheme (<c>FanOut__Upstream__Authority</c>, <c>__Audience</c>).
/// </summary>
public sealed class UpstreamAuthenticator(SignalRServiceEndpoint endpoint, IAuthenticationSchemeProvider schemes)
{
    public async Task<bool> IsGenuineAsync(HttpContext context, string connectionId)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (endpoint.AccessKey is { } key)
        {
            return UpstreamSignature.IsValid(context.Request.Headers[UpstreamSignature.Header], key, connectionId);
        }

        return await schemes.GetSchemeAsync(JwtAuthentication.UpstreamScheme) is not null
            && (await context.AuthenticateAsync(JwtAuthentication.UpstreamScheme)).Succeeded;
    }
}
