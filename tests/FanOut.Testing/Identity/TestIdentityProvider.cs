using System.Security.Cryptography;
using FanOut.LocalHost.Azurite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FanOut.Testing.Identity;

/// <summary>
/// A real OpenID Connect issuer on a free loopback port, as far as a resource server sees one: a discovery
/// document and the signing keys (JWKS), and RS256 tokens signed with them. Tokens can be made wrong on
/// purpose (expired, another audience, another key, <c>alg: none</c>) to test that they are refused.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string Audience = "api://fanout-tests";

    private static readonly string[] SigningAlgorithms = ["RS256"];

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;

    private TestIdentityProvider(WebApplication app, RsaSecurityKey key, string issuer)
    {
        _app = app;
        _key = key;
        Issuer = issuer;
    }

    public string Issuer { get; }

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") };
        var issuer = $"http://127.0.0.1:{FreePort.Next()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(issuer);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["jwks_uri"] = issuer + "/keys",
            ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
        }));
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
        app.MapGet("/keys", () => Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } }));
        await app.StartAsync();
        return new TestIdentityProvider(app, key, issuer);
    }

    /// <summary>A token for <paramref name="subject"/> with extra claims (a claim may hold several values).</summary>
    public string CreateToken(
        string subject,
        IReadOnlyDictionary<string, object>? claims = null,
        string audience = Audience,
        TimeSpan? expiresIn = null,
        SecurityKey? signingKey = null,
        string? issuer = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(10));
        var all = new Dictionary<string, object>(claims ?? new Dictionary<string, object>()) { ["sub"] = subject };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            IssuedAt = expires < now ? expires.AddMinutes(-10) : now,
            NotBefore = expires < now ? expires.AddMinutes(-10) : now,
            Expires = expires,
            Claims = all,
            SigningCredentials = new SigningCredentials(signingKey ?? _key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>) that claims everything.</summary>
    public string CreateUnsignedToken(string subject, IReadOnlyDictionary<string, object>? claims = null)
    {
        var all = new Dictionary<string, object>(claims ?? new Dictionary<string, object>()) { ["sub"] = subject };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = all,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
