namespace FanOut.Core.Webhooks;

/// <summary>
/// The stable <c>code</c> values only webhook verification produces. A webhook whose event name
/// cannot be derived or breaks the event rule is refused with the existing
/// <see cref="Validation.RejectionCodes.MissingEvent"/> and <see cref="Validation.RejectionCodes.InvalidEvent"/>.
/// Kept apart from <see cref="Validation.RejectionCodes"/> until the branches merge; never rename one.
/// </summary>
public static class WebhookRejectionCodes
{
    /// <summary>The signature is missing, malformed or matches none of the source's secrets. HTTP 401.</summary>
    public const string InvalidSignature = "invalid_signature";

    /// <summary>The signature is genuine but its timestamp is outside the source's tolerance (a replay, or a skewed clock). HTTP 400.</summary>
    public const string SignatureExpired = "signature_expired";
}
