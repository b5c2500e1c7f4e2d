namespace FanOut.LocalHost.SignalRService;

/// <summary>
/// The local host's CORS policy: origins from <c>Host:CORS</c> (comma-separated, as in local.settings.json;
/// <c>*</c> allows any), with credentials and any header/method, so a browser page on another origin
/// can negotiate with an <c>Authorization</c> header.
/// </summary>
public static class StandInCors
{
    public const string PolicyName = "LocalHostCors";

    public const string OriginsSetting = "Host:CORS";

    internal static void AddPolicy(IServiceCollection services, IConfiguration configuration)
    {
        var origins = (configuration[OriginsSetting] ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        services.AddCors(cors => cors.AddPolicy(PolicyName, policy =>
        {
            if (origins.Contains("*"))
            {
                policy.SetIsOriginAllowed(_ => true);
            }
            else
            {
                policy.WithOrigins(origins);
            }

            policy.AllowAnyHeader().AllowAnyMethod().AllowCredentials();
        }));
    }
}
