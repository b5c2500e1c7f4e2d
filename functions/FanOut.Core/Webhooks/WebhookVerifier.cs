namespace FanOut.Core.Webhooks;

/// <summary>
/// Verifies one incoming webhook against its source's configuration and names its event: pure code
/// over what an HTTP layer already has (the headers, the raw body bytes, the time), so every scheme is
/// tested without a server. Hostile input (garbage or huge headers, bad hex or base64, a body that is
/// not JSON) is refused with a <see cref="WebhookVerificationResult.Rejected"/> code, never an exception.
/// </summary>
public sealed class WebhookVerifier(TimeProvider clock)
{
    /// <summary>
    /// Checks the request's signature (when the source is signed), then its timestamp (Stripe and
    /// Standard Webhooks), then derives the event name and delivery id.
    /// </summary>
    /// <param name="source">The sender's configuration; must pass <see cref="WebhookSourceOptions.Validate"/>.</param>
    /// <param name="header">The request's header lookup, case-insensitive by name; null when the header is absent.</param>
    /// <param name="body">The raw body exactly as received: signatures are over these bytes, not over re-serialized JSON.</param>
    /// <exception cref="InvalidOperationException">The source is misconfigured: a deployment error, not a bad request.</exception>
    public WebhookVerificationResult Verify(WebhookSourceOptions source, Func<string, string?> header, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(header);
        var errors = source.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The webhook source is misconfigured: " + string.Join(" ", errors));
        }

        var keys = WebhookSecrets.Keys(source);
        return source.Kind switch
        {
            WebhookSourceKind.GitHub => GitHubWebhook.Verify(keys, header, body),
            WebhookSourceKind.Stripe => StripeWebhook.Verify(keys, source.ToleranceSeconds, header, body, clock.GetUtcNow()),
            WebhookSourceKind.Standard => StandardWebhook.Verify(source, keys, header, body, clock.GetUtcNow()),
            _ => GenericWebhook.Verify(source, keys, header, body),
        };
    }
}
