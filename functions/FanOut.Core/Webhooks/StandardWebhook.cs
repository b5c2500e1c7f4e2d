using System.Text;

namespace FanOut.Core.Webhooks;

/// <summary>
/// The Standard Webhooks scheme (https://www.standardwebhooks.com): <c>webhook-id</c>,
/// <c>webhook-timestamp</c> (Unix seconds) and <c>webhook-signature</c>, a space-separated list of
/// <c>v1,&lt;base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"&gt;</c>; other versions (<c>v1a</c>) are
/// ignored. The timestamp must be within the tolerance either way. Event from the body's <c>type</c>,
/// else the source's fixed event; the delivery id is <c>webhook-id</c>.
/// </summary>
internal static class StandardWebhook
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    private const string Version = "v1,";

    public static WebhookVerificationResult Verify(
        WebhookSourceOptions source, IReadOnlyList<byte[]> keys, Func<string, string?> header, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var id = WebhookHeaders.Value(header, IdHeader);
        var timestamp = WebhookHeaders.Value(header, TimestampHeader);
        var signatures = WebhookHeaders.Value(header, SignatureHeader);
        if (id is null || timestamp is null || signatures is null)
        {
            return WebhookOutcomes.MissingSignature($"{IdHeader}, {TimestampHeader} or {SignatureHeader}");
        }

        if (!SignedTimestamp.TryParse(timestamp, out var signedAt))
        {
            return WebhookOutcomes.MalformedSignature(TimestampHeader, "a Unix time in seconds");
        }

        var expected = ExpectedSignatures.Compute(keys, Encoding.UTF8.GetBytes($"{id}.{timestamp}."), body);
        if (!Matches(signatures, expected))
        {
            return WebhookOutcomes.WrongSignature(SignatureHeader);
        }

        if (!SignedTimestamp.IsWithin(signedAt, now, source.ToleranceSeconds))
        {
            return WebhookOutcomes.Expired(signedAt, source.ToleranceSeconds);
        }

        var eventName = WebhookBody.Read(body, "type").StringMember("type") ?? source.Event;
        return eventName is null
            ? WebhookOutcomes.MissingEvent("The body has no string \"type\" and the source has no fixed Event.")
            : WebhookOutcomes.Event(eventName, id);
    }

    private static bool Matches(string signatures, ExpectedSignatures expected)
    {
        foreach (var signature in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (signature.StartsWith(Version, StringComparison.Ordinal) && expected.MatchesBase64(signature.AsSpan(Version.Length)))
            {
                return true;
            }
        }

        return false;
    }
}
