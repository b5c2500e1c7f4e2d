namespace FanOut.Core.Access;

/// <summary>Who may connect to a hub (negotiate) and which user id the connection gets.</summary>
public sealed class ConnectPolicyOptions
{
    /// <summary>Anyone may connect; a caller without a credential gets a random user id.</summary>
    public bool Anonymous { get; set; }

    /// <summary>Accept JWT bearer tokens from the configured issuer.</summary>
    public bool Jwt { get; set; }

    /// <summary>Accept the App Service Authentication principal (only honoured when <c>FanOut__AppServiceAuthentication</c> is on).</summary>
    public bool AppServiceAuthentication { get; set; }

    /// <summary>Claims an authenticated caller must carry (<c>roles: admin</c>).</summary>
    public Dictionary<string, string> Claims { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The claim that is the user id; <c>sub</c> when absent.</summary>
    public string UserIdClaim { get; set; } = "sub";

    /// <summary>How long a client token lives.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Development only: an anonymous caller may choose its user id with <c>?userId=</c> (ignored in any
    /// other environment, where a caller could impersonate anyone).
    /// </summary>
    public bool UserIdFromQuery { get; set; }
}
