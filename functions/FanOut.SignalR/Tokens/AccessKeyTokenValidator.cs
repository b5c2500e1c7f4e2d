using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FanOut.SignalR.Tokens;

/// <summary>
/// Checks an AccessKey JWT the way the local stand-in for Azure SignalR Service needs: HS256 signature
/// with the AccessKey, <c>exp</c>/<c>nbf</c> (with <see cref="ClockSkew"/>), and an audience the caller judges.
/// No issuer is checked (Azure's tokens carry none that matters).
/// </summary>
public sealed class AccessKeyTokenValidator
{
    /// <summary>How far clocks may disagree.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private static readonly JsonWebTokenHandler Handler = new();
    private readonly SymmetricSecurityKey _key;
    private readonly TimeProvider _time;

    public AccessKeyTokenValidator(string accessKey, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessKey);
        _key = AccessKeyTokenIssuer.CreateKey(accessKey);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Validates <paramref name="token"/>; <paramref name="isValidAudience"/> decides on each <c>aud</c> value.</summary>
    public async Task<AccessKeyTokenResult> ValidateAsync(string? token, Func<string, bool> isValidAudience)
    {
        ArgumentNullException.ThrowIfNull(isValidAudience);
        if (string.IsNullOrWhiteSpace(token))
        {
            return AccessKeyTokenResult.Fail("No bearer token.");
        }

        var parameters = new TokenValidationParameters
        {
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidateAudience = true,
            AudienceValidator = (audiences, _, _) => audiences.Any(isValidAudience),
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = ValidateLifetime,
        };
        var result = await Handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            return AccessKeyTokenResult.Fail(result.Exception?.Message ?? "The token is not valid.");
        }

        // Azure SignalR Service takes the user from nameid, or from sub when a token has no nameid.
        var userId = result.Claims.TryGetValue(AccessKeyTokenIssuer.UserIdClaim, out var nameId) ? nameId?.ToString()
            : result.Claims.TryGetValue(SubjectClaim, out var subject) ? subject?.ToString()
            : null;
        return AccessKeyTokenResult.Success(userId);
    }

    private const string SubjectClaim = "sub";

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } exp && exp + ClockSkew > now && (notBefore is not { } nbf || nbf - ClockSkew <= now);
    }
}
