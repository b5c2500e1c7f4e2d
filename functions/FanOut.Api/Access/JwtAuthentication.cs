using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FanOut.Api.Access;

/// <summary>
/// JWT bearer tokens from one OpenID Connect issuer (<c>FanOut__Jwt__Authority</c>, <c>__Audience</c>),
/// validated by ASP.NET Core's JwtBearer handler: signature from the issuer's published keys, issuer,
/// audience, lifetime. Claim names stay as in the token (<c>sub</c>, <c>roles</c>). Nothing is registered
/// without an authority, and then every JWT is refused.
/// </summary>
public static class JwtAuthentication
{
    public const string Scheme = "FanOutJwt";
    public const string Section = "FanOut:Jwt";

    /// <summary>Tokens Azure SignalR Service sends upstream with a managed identity (<c>FanOut__Upstream__Authority</c>, <c>__Audience</c>).</summary>
    public const string UpstreamScheme = "FanOutUpstream";
    public const string UpstreamSection = "FanOut:Upstream";

    public static IServiceCollection AddFanOutJwt(this IServiceCollection services, IConfiguration configuration)
    {
        var authentication = services.AddAuthentication();
        AddScheme(authentication, Scheme, configuration.GetSection(Section));
        AddScheme(authentication, UpstreamScheme, configuration.GetSection(UpstreamSection));
        return services;
    }

    private static void AddScheme(Microsoft.AspNetCore.Authentication.AuthenticationBuilder authentication, string scheme, IConfigurationSection section)
    {
        if (string.IsNullOrWhiteSpace(section["Authority"]))
        {
            return;
        }

        authentication.AddJwtBearer(scheme, options =>
        {
            options.Authority = section["Authority"];
            options.Audience = section["Audience"];
            options.RequireHttpsMetadata = section.GetValue("RequireHttpsMetadata", defaultValue: true);
            options.MapInboundClaims = false;
            options.TokenValidationParameters.ValidateAudience = !string.IsNullOrWhiteSpace(section["Audience"]);
        });
    }
}
