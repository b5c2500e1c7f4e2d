using System.Text;

namespace FanOut.Core.Webhooks;

/// <summary>
/// Stripe's scheme: <c>Stripe-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;[,v1=...][,v0=...]</c>, each v1 the
/// HMAC-SHA256 of <c>{t}.{raw body}</c> under the endpoint secret; any v1 may match (Stripe sends one
/// per active secret while a secret is rolled). The timestamp must be within the tolerance either
/// way. Event from the body's <c>type</c>, delivery id from its <c>id</c> (<c>evt_...</c>).
/// </summary>
internal static class StripeWebhook
{
    public const string SignatureHeader = "Stripe-Signature";
    private const string Expected = "t=<unix seconds>,v1=<64 hex digits>[,v1=...]";

    public static WebhookVerificationResult Verify(
        IReadOnlyList<byte[]> keys, int toleranceSeconds, Func<string, string?> header, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var value = WebhookHeaders.Value(header, SignatureHeader);
        if (value is null)
        {
            return WebhookOutcomes.MissingSignature(SignatureHeader);
        }

        if (!TryParse(value, out var timestamp, out var signedAt, out var signatures))
        {
            return WebhookOutcomes.MalformedSignature(SignatureHeader, Expected);
        }

        var expected = ExpectedSignatures.Compute(keys, Encoding.ASCII.GetBytes(timestamp + "."), body);
        if (!signatures.Exists(s => expected.MatchesHex(s)))
        {
            return WebhookOutcomes.WrongSignature(SignatureHeader);
        }

        if (!SignedTimestamp.IsWithin(signedAt, now, toleranceSeconds))
        {
            return WebhookOutcomes.Expired(signedAt, toleranceSeconds);
        }

        var payload = WebhookBody.Read(body, "type", "id");
        var type = payload.StringMember("type");
        return type is null
            ? WebhookOutcomes.MissingEvent("The body is not a Stripe event: it has no string \"type\".")
            : WebhookOutcomes.Event(type, payload.StringMember("id"));
    }

    /// <summary>Exactly one numeric <c>t</c> and at least one <c>v1</c>; other schemes (<c>v0</c>) are ignored.</summary>
    private static bool TryParse(string value, out string timestamp, out long signedAt, out List<string> signatures)
    {
        timestamp = string.Empty;
        signedAt = 0;
        signatures = [];
        var timestamps = 0;
        foreach (var item in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            var (key, text) = equals < 0 ? (item, string.Empty) : (item[..equals], item[(equals + 1)..]);
            if (key == "t")
            {
                timestamps++;
                timestamp = text;
            }
            else if (key == "v1")
            {
                signatures.Add(text);
            }
        }

        return timestamps == 1 && SignedTimestamp.TryParse(timestamp, out signedAt) && signatures.Count > 0;
    }
}
