namespace FanOut.Core.Webhooks;

/// <summary>
/// GitHub's scheme: <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256 of the raw body&gt;</c>. The
/// event is <c>X-GitHub-Event</c>, followed by <c>.</c> and the body's <c>action</c> when it has one
/// (<c>pull_request.opened</c>), so clients can subscribe to one action; <c>ping</c>, sent when a
/// hook is created, verifies like any other event. Only <c>application/json</c> deliveries are
/// accepted: a form-encoded body has no readable action.
/// </summary>
internal static class GitHubWebhook
{
    public const string SignatureHeader = "X-Hub-Signature-256";
    public const string EventHeader = "X-GitHub-Event";
    public const string DeliveryHeader = "X-GitHub-Delivery";
    private const string Prefix = "sha256=";

    public static WebhookVerificationResult Verify(IReadOnlyList<byte[]> keys, Func<string, string?> header, ReadOnlySpan<byte> body)
    {
        var signature = WebhookHeaders.Value(header, SignatureHeader);
        if (signature is null)
        {
            return WebhookOutcomes.MissingSignature(SignatureHeader);
        }

        if (!signature.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return WebhookOutcomes.MalformedSignature(SignatureHeader, "sha256= followed by 64 hex digits");
        }

        if (!ExpectedSignatures.Compute(keys, default, body).MatchesHex(signature.AsSpan(Prefix.Length)))
        {
            return WebhookOutcomes.WrongSignature(SignatureHeader);
        }

        var eventName = WebhookHeaders.Value(header, EventHeader);
        if (eventName is null)
        {
            return WebhookOutcomes.MissingEvent($"The {EventHeader} header is missing.");
        }

        var payload = WebhookBody.Read(body, "action");
        if (!payload.IsObject)
        {
            return WebhookOutcomes.MissingEvent("The body is not a JSON object: set the GitHub webhook's content type to application/json.");
        }

        var action = payload.StringMember("action");
        return WebhookOutcomes.Event(action is null ? eventName : $"{eventName}.{action}", WebhookHeaders.Value(header, DeliveryHeader));
    }
}
