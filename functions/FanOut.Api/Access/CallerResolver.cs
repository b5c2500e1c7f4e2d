using System.Security.Claims;
using System.Text;
using System.Text.Json;
using FanOut.Core.Access;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace FanOut.Api.Access;

/// <summary>
/// Establishes who an HTTP caller is. <c>Authorization: Bearer</c> holds either a JWT from the configured
/// OpenID Connect issuer (three dot-separated parts) or one of the hub's publisher keys; a bearer value
/// that is neither is refused (401), never treated as anonymous. Without one, the App Service
/// Authentication principal counts only when that feature is declared on (otherwise the header is just
/// something any caller can send). Else the caller is anonymous.
/// </summary>
public sealed class CallerResolver(IOptionsMonitor<FanOutAccessOptions> access, IAuthenticationSchemeProvider schemes)
{
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";
    public const string PrincipalIdHeader = "X-MS-CLIENT-PRINCIPAL-ID";

    public async Task<(Caller? Caller, Rejection? Rejected)> ResolveAsync(HttpContext context, HubPolicy? policy)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ReadBearer(context.Request) is { } bearer)
        {
            return bearer.Count(c => c == '.') == 2
                ? WithUserId(await AuthenticateJwtAsync(context), policy)
                : policy is not null && PublisherKeys.Match(policy.Options.Publish.Keys, bearer) is { } keyName
                    ? (Caller.Publisher(keyName), null)
                    : (null, new Rejection(RejectionCodes.Unauthorized, "The bearer key is not one of this hub's publisher keys."));
        }

        if (access.CurrentValue.AppServiceAuthentication && AppServicePrincipal(context.Request) is { } principal)
        {
            return WithUserId((principal, null), policy);
        }

        return (Caller.Anonymous, null);
    }

    /// <summary>Whether the request carries a publisher key of any hub (for details only publishers may see).</summary>
    public bool IsAnyPublisher(HttpRequest request) =>
        ReadBearer(request) is { } bearer && access.CurrentValue.Hubs.Values.Any(h => PublisherKeys.Match(h.Publish.Keys, bearer) is not null);

    /// <summary>A signed-in caller's user id is the claim the hub's policy names (<c>sub</c> by default).</summary>
    private static (Caller?, Rejection?) WithUserId((Caller? Caller, Rejection? Rejected) resolved, HubPolicy? policy)
    {
        if (resolved.Caller is not { } caller)
        {
            return resolved;
        }

        var claim = policy?.Options.Connect.UserIdClaim ?? "sub";
        var userId = caller.ClaimValues.TryGetValue(claim, out var values) && values.Count > 0 ? values[0] : null;
        return (caller with { UserId = userId is not null && NameRules.CheckUserId(userId) is null ? userId : null }, null);
    }

    private async Task<(Caller?, Rejection?)> AuthenticateJwtAsync(HttpContext context)
    {
        if (await schemes.GetSchemeAsync(JwtAuthentication.Scheme) is null)
        {
            return (null, new Rejection(RejectionCodes.Unauthorized, "This service accepts no JWT bearer tokens (no issuer is configured)."));
        }

        var result = await context.AuthenticateAsync(JwtAuthentication.Scheme);
        if (!result.Succeeded)
        {
            return (null, new Rejection(RejectionCodes.Unauthorized, "The bearer token is not valid: " + (result.Failure?.Message ?? "no token")));
        }

        return (new Caller(CallerKind.JwtUser, Claims: ClaimsOf(result.Principal.Claims)), null);
    }

    private static Caller? AppServicePrincipal(HttpRequest request)
    {
        var encoded = request.Headers[PrincipalHeader].ToString();
        if (string.IsNullOrEmpty(encoded))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Convert.FromBase64String(encoded));
            var claims = document.RootElement.GetProperty("claims").EnumerateArray()
                .Select(c => new Claim(c.GetProperty("typ").GetString()!, c.GetProperty("val").GetString()!)).ToList();
            if (request.Headers[PrincipalIdHeader].ToString() is { Length: > 0 } id && claims.All(c => c.Type != "sub"))
            {
                claims.Add(new Claim("sub", id));
            }

            return new Caller(CallerKind.AppServiceUser, Claims: ClaimsOf(claims));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static Dictionary<string, IReadOnlyList<string>> ClaimsOf(IEnumerable<Claim> claims) =>
        claims.GroupBy(c => c.Type, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(c => c.Value)], StringComparer.Ordinal);

    private static string? ReadBearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }
}
