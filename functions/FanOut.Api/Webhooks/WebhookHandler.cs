using System.Security.Cryptography;
using System.Text;
using FanOut.Api.Problems;
using FanOut.Api.Publishing;
using FanOut.Core;
using FanOut.Core.Access;
using FanOut.Core.Messages;
using FanOut.Core.Publishing;
using FanOut.Core.Validation;
using FanOut.Core.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace FanOut.Api.Webhooks;

/// <summary>
/// <c>POST /api/hubs/{hub}/groups/{group}/webhooks/{source}</c>: a webhook sender (GitHub, Stripe, Standard
/// Webhooks, or any HMAC-signing sender) posts its own request unchanged. The raw body is verified byte for
/// byte against the source's secrets and becomes the message's <c>data</c>, unchanged; the event name comes
/// from the request; the sender's delivery id is the idempotency key, so a resent delivery is stored and
/// delivered once. Answered 202 as soon as the message is queued, so senders do not time out.
/// </summary>
public sealed class WebhookHandler(HubPolicies policies, WebhookVerifier verifier, Publisher publisher, IOptions<FanOutOptions> options)
{
    public async Task<IResult> HandleAsync(HttpRequest request, string hub, string group, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((NameRules.CheckHub(hub) ?? NameRules.CheckGroup(group)) is { } invalid)
        {
            return ProblemResults.From(invalid);
        }

        if (policies.Find(hub) is not { } policy)
        {
            return ProblemResults.From(HubAccess.UnknownHub(NameRules.CanonicalHub(hub)));
        }

        if (!policy.Options.Webhooks.TryGetValue(source, out var sender))
        {
            return ProblemResults.From(new Rejection(RejectionCodes.UnknownWebhook, $"Hub '{policy.Hub}' has no webhook source '{source}'."));
        }

        var maxBytes = policy.Options.Limits.MaxBodyBytes ?? options.Value.MaxBodyBytes;
        var (body, unreadable) = await JsonBodyReader.ReadAsync(request, maxBytes, cancellationToken);
        if (unreadable is not null)
        {
            return ProblemResults.From(unreadable);
        }

        var verified = verifier.Verify(sender, name => request.Headers.TryGetValue(name, out var value) ? value.ToString() : null, body.Span);
        if (verified.Rejected is { } refused)
        {
            return ProblemResults.From(refused);
        }

        if (JsonBodyInspector.Check(body.Span) is { } notJson)
        {
            return ProblemResults.From(notJson);
        }

        var key = verified.DeliveryId is { } deliveryId ? IdempotencyKey(source, deliveryId) : null;
        var result = await publisher.PublishAsync(new PublishCommand(policy.Hub, group, verified.EventName, RawJson.FromTrustedUtf8(body), key) { KeyIsDeliveryId = true }, cancellationToken);
        if (result.Accepted is not { } receipt)
        {
            return ProblemResults.From(result.Rejected!);
        }

        if (receipt.Replayed)
        {
            request.HttpContext.Response.Headers[PublishHandler.ReplayedHeader] = "true";
        }

        return TypedResults.Accepted((string?)null, PublishResponse.From(receipt));
    }

    /// <summary>The sender's delivery id as an Idempotency-Key (hashed when it is not plain visible ASCII).</summary>
    internal static string IdempotencyKey(string source, string deliveryId)
    {
        var key = $"webhook:{source}:{deliveryId}";
        return IdempotencyGate.CheckKey(key) is null
            ? key
            : $"webhook:{source}:sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryId)))}";
    }
}
