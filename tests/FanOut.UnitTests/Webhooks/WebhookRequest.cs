using System.Security.Cryptography;
using System.Text;

namespace FanOut.UnitTests.Webhooks;

/// <summary>
/// A webhook request as a test builds it: headers (looked up case-insensitively, as an HTTP layer
/// would) and the raw body. Signatures are made here with <see cref="HMACSHA256"/> directly, not with
/// the code under test.
/// </summary>
internal sealed class WebhookRequest(string body)
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    public byte[] Body { get; } = Encoding.UTF8.GetBytes(body);

    public WebhookRequest With(string name, string value)
    {
        _headers[name] = value;
        return this;
    }

    public string? Header(string name) => _headers.TryGetValue(name, out var value) ? value : null;

    public static string HexHmac(string secret, string content) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(content)));

    public static string Base64Hmac(byte[] key, string content) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(content)));
}
