namespace FanOut.Core.Webhooks;

/// <summary>
/// Which sender's signing scheme a webhook source uses. Bound from configuration by name,
/// case-insensitively (<c>github</c>, <c>stripe</c>, <c>standard</c>, <c>generic</c>).
/// </summary>
public enum WebhookSourceKind
{
    /// <summary>GitHub: <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c> over the raw body; event from <c>X-GitHub-Event</c> (+ the body's <c>action</c>).</summary>
    GitHub,

    /// <summary>Stripe: <c>Stripe-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;</c> over <c>{t}.{body}</c>; event from the body's <c>type</c>.</summary>
    Stripe,

    /// <summary>Standard Webhooks (standardwebhooks.com): <c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature: v1,&lt;base64&gt;</c>.</summary>
    Standard,

    /// <summary>Any JSON sender: event from a configured header or a fixed name; optional HMAC-SHA256 of the body in a configured header.</summary>
    Generic,
}
