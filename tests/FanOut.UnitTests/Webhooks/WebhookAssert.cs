using FanOut.Core.Validation;
using FanOut.Core.Webhooks;

namespace FanOut.UnitTests.Webhooks;

internal static class WebhookAssert
{
    public static void Verified(WebhookVerificationResult result, string eventName, string? deliveryId)
    {
        Assert.True(result.IsVerified, result.Rejected?.Code + ": " + result.Rejected?.Detail);
        Assert.Equal(eventName, result.EventName);
        Assert.Equal(deliveryId, result.DeliveryId);
    }

    public static void Rejected(WebhookVerificationResult result, string code)
    {
        Assert.False(result.IsVerified, $"verified as {result.EventName}");
        Assert.Equal(code, result.Rejected!.Code);
        Assert.Null(result.EventName);
    }

    public static void InvalidSignature(WebhookVerificationResult result) => Rejected(result, RejectionCodes.InvalidSignature);

    public static void Expired(WebhookVerificationResult result) => Rejected(result, RejectionCodes.SignatureExpired);

    public static void MissingEvent(WebhookVerificationResult result) => Rejected(result, RejectionCodes.MissingEvent);

    public static void InvalidEvent(WebhookVerificationResult result) => Rejected(result, RejectionCodes.InvalidEvent);
}
