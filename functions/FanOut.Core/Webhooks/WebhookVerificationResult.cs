using System.Diagnostics.CodeAnalysis;
using FanOut.Core.Validation;

namespace FanOut.Core.Webhooks;

/// <summary>
/// Either a verified webhook (its <see cref="EventName"/>, a valid FanOut event name, and the sender's
/// <see cref="DeliveryId"/> when it sends one) or why it was refused.
/// </summary>
public sealed record WebhookVerificationResult(string? EventName, string? DeliveryId, Rejection? Rejected)
{
    /// <summary>True when the signature (if any) verified and an event name was derived.</summary>
    [MemberNotNullWhen(true, nameof(EventName))]
    public bool IsVerified => Rejected is null && EventName is not null;

    public static WebhookVerificationResult Verified(string eventName, string? deliveryId) => new(eventName, deliveryId, null);

    public static WebhookVerificationResult Reject(Rejection rejection) => new(null, null, rejection);
}
