namespace FanOut.Core.Webhooks;

/// <summary>
/// Any JSON sender: when a <see cref="WebhookSourceOptions.SignatureHeader"/> is configured, that header
/// must carry the optional prefix and the HMAC-SHA256 of the raw body (hex or base64). The event comes
/// from <see cref="WebhookSourceOptions.EventHeader"/> when the request has it, else the fixed
/// <see cref="WebhookSourceOptions.Event"/>; the delivery id from <see cref="WebhookSourceOptions.DeliveryIdHeader"/>.
/// The body itself is not read: whether it is JSON is the publishing layer's check.
/// </summary>
internal static class GenericWebhook
{
    public static WebhookVerificationResult Verify(
        WebhookSourceOptions source, IReadOnlyList<byte[]> keys, Func<string, string?> header, ReadOnlySpan<byte> body)
    {
        if (!string.IsNullOrWhiteSpace(source.SignatureHeader) && CheckSignature(source, keys, header, body) is { } refused)
        {
            return refused;
        }

        var eventName = (string.IsNullOrWhiteSpace(source.EventHeader) ? null : WebhookHeaders.Value(header, source.EventHeader)) ?? source.Event;
        if (eventName is null)
        {
            return WebhookOutcomes.MissingEvent($"The {source.EventHeader} header is missing and the source has no fixed Event.");
        }

        var deliveryId = string.IsNullOrWhiteSpace(source.DeliveryIdHeader) ? null : WebhookHeaders.Value(header, source.DeliveryIdHeader);
        return WebhookOutcomes.Event(eventName, deliveryId);
    }

    private static WebhookVerificationResult? CheckSignature(
        WebhookSourceOptions source, IReadOnlyList<byte[]> keys, Func<string, string?> header, ReadOnlySpan<byte> body)
    {
        var name = source.SignatureHeader!;
        var value = WebhookHeaders.Value(header, name);
        if (value is null)
        {
            return WebhookOutcomes.MissingSignature(name);
        }

        var prefix = source.SignaturePrefix ?? string.Empty;
        var hex = source.SignatureEncoding == WebhookSignatureEncoding.Hex;
        if (!value.StartsWith(prefix, StringComparison.Ordinal))
        {
            return WebhookOutcomes.MalformedSignature(name, $"\"{prefix}\" followed by the {(hex ? "hex" : "base64")} HMAC-SHA256 of the body");
        }

        var expected = ExpectedSignatures.Compute(keys, default, body);
        var mac = value.AsSpan(prefix.Length);
        return (hex ? expected.MatchesHex(mac) : expected.MatchesBase64(mac)) ? null : WebhookOutcomes.WrongSignature(name);
    }
}
