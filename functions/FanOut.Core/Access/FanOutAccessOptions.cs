namespace FanOut.Core.Access;

/// <summary>
/// The access settings: every hub's rules (<c>FanOut__Hubs__{name}__*</c>), and whether App Service
/// Authentication is in front of the app (only then is its principal header trusted).
/// </summary>
public sealed class FanOutAccessOptions
{
    public Dictionary<string, HubPolicyOptions> Hubs { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>App Service Authentication (Easy Auth) is on: <c>X-MS-CLIENT-PRINCIPAL</c> comes from the platform, not the caller.</summary>
    public bool AppServiceAuthentication { get; set; }
}
