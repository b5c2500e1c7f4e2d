using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FanOut.SignalR.Tokens;

/// <summary>
/// Creates the HS256 JWTs Azure SignalR Service accepts when signed with its AccessKey: REST tokens
/// (audience = request URL without query) and client tokens (audience = client URL, user id in <c>nameid</c>).
/// </summary>
public sealed class AccessKeyTokenIssuer
{
    /// <summary>The claim Azure SignalR Service reads a connection's user id from.</summary>
    public const string UserIdClaim = "nameid";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _signing;
    private readonly TimeProvider _time;

    public AccessKeyTokenIssuer(string accessKey, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessKey);
        _signing = new SigningCredentials(CreateKey(accessKey), SecurityAlgorithms.HmacSha256);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>A token for <paramref name="audience"/>, valid from now for <paramref name="lifetime"/>.</summary>
    public string CreateToken(string audience, TimeSpan lifetime, string? userId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(audience);
        var now = _time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = _signing,
        };
        if (userId is not null)
        {
            descriptor.Claims = new Dictionary<string, object> { [UserIdClaim] = userId };
        }

        return Handler.CreateToken(descriptor);
    }

    /// <summary>The AccessKey's UTF-8 bytes are the HMAC key, as Azure SignalR Service uses them.</summary>
    internal static SymmetricSecurityKey CreateKey(string accessKey) => new(Encoding.UTF8.GetBytes(accessKey));
}
