using FanOut.Core.Validation;

namespace FanOut.Core.Webhooks;

/// <summary>The results the source verifiers return, worded once so every kind refuses alike.</summary>
internal static class WebhookOutcomes
{
    private const int MaxEchoedEventLength = 80;

    public static WebhookVerificationResult MissingSignature(string headers) =>
        InvalidSignature($"The {headers} header is missing (or longer than {WebhookHeaders.MaxLength} characters).");

    public static WebhookVerificationResult MalformedSignature(string header, string expected) =>
        InvalidSignature($"The {header} header is not {expected}.");

    public static WebhookVerificationResult WrongSignature(string header) =>
        InvalidSignature($"The {header} header matches none of the source's active secrets: the body was changed, or the secret is wrong.");

    public static WebhookVerificationResult Expired(long signedAt, int toleranceSeconds) =>
        WebhookVerificationResult.Reject(new(
            RejectionCodes.SignatureExpired,
            $"The signature's timestamp {signedAt} is more than {toleranceSeconds} seconds from now: a replay, or the sender's clock is off."));

    public static WebhookVerificationResult MissingEvent(string detail) =>
        WebhookVerificationResult.Reject(new(RejectionCodes.MissingEvent, detail));

    /// <summary>Verified when <paramref name="eventName"/> keeps the service's event rule (<see cref="NameRules.CheckEvent"/>); invalid_event otherwise.</summary>
    public static WebhookVerificationResult Event(string eventName, string? deliveryId)
    {
        if (NameRules.CheckEvent(eventName) is not { } rejection)
        {
            return WebhookVerificationResult.Verified(eventName, deliveryId);
        }

        var echoed = eventName.Length > MaxEchoedEventLength ? eventName[..MaxEchoedEventLength] + "…" : eventName;
        return WebhookVerificationResult.Reject(rejection with { Detail = $"The webhook's event \"{echoed}\" is not a valid event name. {rejection.Detail}" });
    }

    private static WebhookVerificationResult InvalidSignature(string detail) =>
        WebhookVerificationResult.Reject(new(RejectionCodes.InvalidSignature, detail));
}
