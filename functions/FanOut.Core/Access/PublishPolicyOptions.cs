namespace FanOut.Core.Access;

/// <summary>
/// Who may publish to a hub (and add or remove any member): holders of a publisher key, and/or bearers
/// of a JWT from the configured issuer that carries <see cref="Claims"/>.
/// </summary>
public sealed class PublishPolicyOptions
{
    /// <summary>
    /// Named keys, so one can be rotated while another works: each value is <c>sha256:&lt;hex&gt;</c> (the
    /// SHA-256 of the key; keep the key itself elsewhere) or the key itself, as an App Service Key Vault
    /// reference resolves to.
    /// </summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Accept JWT bearer tokens from the configured issuer (<c>FanOut__Jwt__*</c>).</summary>
    public bool Jwt { get; set; }

    /// <summary>Connected clients may publish over the socket to groups they are members of (a chat).</summary>
    public bool Members { get; set; }

    /// <summary>Claims a JWT must carry to publish (<c>roles: publisher</c>); a claim with several values needs one of them.</summary>
    public Dictionary<string, string> Claims { get; set; } = new(StringComparer.Ordinal);
}
