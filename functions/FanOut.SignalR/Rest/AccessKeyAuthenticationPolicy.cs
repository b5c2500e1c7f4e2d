using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using FanOut.SignalR.Tokens;

namespace FanOut.SignalR.Rest;

/// <summary>
/// Signs REST requests with an AccessKey JWT whose audience is the request URL without its query
/// (scheme, host, port and path), which is what Azure SignalR Service checks. A token is reused for
/// its URL until half its lifetime has passed, so a busy group's sends do not each mint (and make the
/// service check) a new one.
/// </summary>
internal sealed class AccessKeyAuthenticationPolicy(AccessKeyTokenIssuer issuer, TimeSpan lifetime, TimeProvider time) : HttpPipelineSynchronousPolicy
{
    /// <summary>Distinct URLs whose tokens are kept (one per group that was sent to); beyond this the cache starts over.</summary>
    internal const int MaxCachedTokens = 10_000;

    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset RenewAt)> _tokens = new(StringComparer.Ordinal);

    public override void OnSendingRequest(HttpMessage message)
    {
        var audience = GetAudience(message.Request.Uri.ToUri());
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, "Bearer " + TokenFor(audience));
    }

    private string TokenFor(string audience)
    {
        var now = time.GetUtcNow();
        if (_tokens.TryGetValue(audience, out var cached) && cached.RenewAt > now)
        {
            return cached.Token;
        }

        if (_tokens.Count >= MaxCachedTokens)
        {
            _tokens.Clear();
        }

        var token = issuer.CreateToken(audience, lifetime);
        _tokens[audience] = (token, now + (lifetime / 2));
        return token;
    }

    /// <summary>The REST token audience for a request URL.</summary>
    internal static string GetAudience(Uri requestUri) => requestUri.GetLeftPart(UriPartial.Path);
}
