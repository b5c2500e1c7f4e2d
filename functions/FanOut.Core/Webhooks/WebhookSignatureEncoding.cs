namespace FanOut.Core.Webhooks;

/// <summary>How a <see cref="WebhookSourceKind.Generic"/> source writes its HMAC-SHA256 in the signature header.</summary>
public enum WebhookSignatureEncoding
{
    /// <summary>64 hexadecimal digits, either case (GitHub-style).</summary>
    Hex,

    /// <summary>Standard base64 of the 32 MAC bytes (Shopify-style).</summary>
    Base64,
}
