using System.Security.Cryptography;
using System.Text;

namespace FanOut.Core.Access;

/// <summary>
/// Matches a presented key against a hub's configured publisher keys, in constant time. A configured
/// value <c>sha256:&lt;hex&gt;</c> is the key's SHA-256 (so settings never hold the key); any other value
/// is the key itself (what a Key Vault reference resolves to).
/// </summary>
public static class PublisherKeys
{
    public const string HashPrefix = "sha256:";

    /// <summary>The name of the configured key <paramref name="presented"/> is, or null.</summary>
    public static string? Match(IReadOnlyDictionary<string, string> configured, string presented)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var presentedBytes = Encoding.UTF8.GetBytes(presented);
        var presentedHash = Convert.ToHexStringLower(SHA256.HashData(presentedBytes));
        string? match = null;
        foreach (var (name, value) in configured)
        {
            var expected = value.StartsWith(HashPrefix, StringComparison.OrdinalIgnoreCase)
                ? Encoding.ASCII.GetBytes(value[HashPrefix.Length..].Trim().ToLowerInvariant())
                : Encoding.UTF8.GetBytes(value);
            var actual = value.StartsWith(HashPrefix, StringComparison.OrdinalIgnoreCase) ? Encoding.ASCII.GetBytes(presentedHash) : presentedBytes;
            if (CryptographicOperations.FixedTimeEquals(expected, actual))
            {
                match ??= name;
            }
        }

        return match;
    }

    /// <summary>The setting value for a key: <c>sha256:</c> and its hash.</summary>
    public static string Hash(string key) => HashPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
