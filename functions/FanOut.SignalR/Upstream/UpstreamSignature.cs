using System.Security.Cryptography;
using System.Text;

namespace FanOut.SignalR.Upstream;

/// <summary>
/// The <c>X-ASRS-Signature</c> Azure SignalR Service puts on upstream requests: for each of its access keys,
/// <c>sha256=</c> and the hex HMAC-SHA256 of the connection id, comma-separated. A request is genuine when
/// one of them matches a key the app knows.
/// </summary>
public static class UpstreamSignature
{
    public const string Header = "X-ASRS-Signature";

    public static string Create(string accessKey, string connectionId) =>
        "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(accessKey), Encoding.UTF8.GetBytes(connectionId)));

    public static bool IsValid(string? header, string accessKey, string connectionId)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Create(accessKey, connectionId).ToUpperInvariant());
        return header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(candidate => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate.ToUpperInvariant()), expected));
    }
}
