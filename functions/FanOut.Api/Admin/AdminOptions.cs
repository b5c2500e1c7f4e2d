namespace FanOut.Api.Admin;

/// <summary>
/// Who may use the admin API: <c>FanOut__Admin__Keys__{name}</c>, each <c>sha256:&lt;hex&gt;</c> of a key (or, from a
/// Key Vault reference, the key itself), matched like publisher keys. No keys: nobody.
/// </summary>
public sealed class AdminOptions
{
    public const string Section = "FanOut:Admin";

    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);
}
