using Microsoft.AspNetCore.Cors.Infrastructure;

namespace FanOut.LocalHost.SignalRService;

/// <summary>
/// CORS as the local settings' <c>Host:CORS</c> says, for the app's API and the stand-in's <c>/client</c>: the
/// given origins (<c>*</c> allows any), with credentials and any header and method, so a browser page on
/// another origin can negotiate with an <c>Authorization</c> header.
/// </summary>
public static class StandInCors
{
    public const string PolicyName = "SignalRClients";

    public static void AddPolicy(IServiceCollection services, IReadOnlyList<string> origins) =>
        services.AddCors(cors => cors.AddPolicy(PolicyName, policy => Apply(policy, origins)));

    /// <summary>The origins of <c>Host:CORS</c> (comma-separated).</summary>
    public static IReadOnlyList<string> Origins(IConfiguration configuration) =>
        (configuration["Host:CORS"] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static void Apply(CorsPolicyBuilder policy, IReadOnlyList<string> origins)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (origins.Contains("*"))
        {
            policy.SetIsOriginAllowed(_ => true);
        }
        else
        {
            policy.WithOrigins([.. origins]);
        }

        policy.AllowAnyHeader().AllowAnyMethod().AllowCredentials();
    }
}
