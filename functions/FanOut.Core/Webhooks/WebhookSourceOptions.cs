using FanOut.Core.Validation;

namespace FanOut.Core.Webhooks;

/// <summary>
/// One webhook sender as configured: which signing scheme it uses, its secrets and, for a generic
/// source, where the event, signature and delivery id are. Plain settable properties so it binds
/// from configuration (e.g. <c>Webhooks__Sources__github__Secrets__0</c>); call <see cref="Validate"/>
/// at startup so a misconfigured source fails the host instead of refusing every delivery.
/// </summary>
public sealed class WebhookSourceOptions
{
    /// <summary>Five minutes, the window Stripe's and the Standard Webhooks libraries use.</summary>
    public const int DefaultToleranceSeconds = 300;

    /// <summary>One day: a longer replay window is no protection at all.</summary>
    public const int MaxToleranceSeconds = 86_400;

    /// <summary>The current and the next secret: enough to rotate without downtime, and bounds the work per request.</summary>
    public const int MaxSecrets = 2;

    /// <summary>The signing scheme. Required.</summary>
    public WebhookSourceKind? Kind { get; set; }

    /// <summary>
    /// The active secrets (one, or two while rotating); a signature valid under either verifies.
    /// GitHub, Stripe and generic secrets are used as UTF-8 bytes as they are (Stripe's start with
    /// <c>whsec_</c>); a Standard Webhooks secret is <c>whsec_</c> followed by the base64 of the key.
    /// </summary>
    public IList<string> Secrets { get; } = new List<string>();

    /// <summary>How far a signed timestamp may be from now, either way (Stripe and Standard Webhooks).</summary>
    public int ToleranceSeconds { get; set; } = DefaultToleranceSeconds;

    /// <summary>Generic only: the header naming the event (wins over <see cref="Event"/> when present).</summary>
    public string? EventHeader { get; set; }

    /// <summary>Generic and Standard Webhooks: the event name when the request does not carry one.</summary>
    public string? Event { get; set; }

    /// <summary>Generic only: the header carrying the HMAC-SHA256 of the raw body; unset means unsigned.</summary>
    public string? SignatureHeader { get; set; }

    /// <summary>Generic only: how the MAC in <see cref="SignatureHeader"/> is written.</summary>
    public WebhookSignatureEncoding SignatureEncoding { get; set; } = WebhookSignatureEncoding.Hex;

    /// <summary>Generic only: text before the MAC in the header, such as <c>sha256=</c> (compared exactly).</summary>
    public string? SignaturePrefix { get; set; }

    /// <summary>Generic only: the header carrying the sender's delivery id, if it sends one.</summary>
    public string? DeliveryIdHeader { get; set; }

    /// <summary>Everything wrong with this source, one sentence each; empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors.Add("Kind is required: github, stripe, standard or generic.");
            return errors;
        }

        var name = kind.ToString().ToLowerInvariant();
        CheckSecrets(kind, name, errors);
        CheckGenericOnly(kind, name, errors);

        if (kind is WebhookSourceKind.Stripe or WebhookSourceKind.Standard
            && ToleranceSeconds is < 1 or > MaxToleranceSeconds)
        {
            errors.Add($"ToleranceSeconds must be between 1 and {MaxToleranceSeconds}; it is {ToleranceSeconds}.");
        }

        if (Event is not null && NameRules.CheckEvent(Event) is { } invalid)
        {
            errors.Add($"Event \"{Event}\" is not a valid event name: {invalid.Detail}");
        }

        if (kind is WebhookSourceKind.GitHub or WebhookSourceKind.Stripe && Event is not null)
        {
            errors.Add($"Event does not apply to a {name} source: its event comes from the request.");
        }

        if (kind == WebhookSourceKind.Generic && IsBlank(EventHeader) && Event is null)
        {
            errors.Add("A generic source needs EventHeader, Event, or both.");
        }

        return errors;
    }

    private void CheckSecrets(WebhookSourceKind kind, string name, List<string> errors)
    {
        var signed = kind != WebhookSourceKind.Generic || !IsBlank(SignatureHeader);
        if (signed && Secrets.Count == 0)
        {
            errors.Add(kind == WebhookSourceKind.Generic
                ? "A generic source with a SignatureHeader needs at least one secret in Secrets."
                : $"A {name} source needs at least one secret in Secrets.");
        }

        if (!signed && Secrets.Count > 0)
        {
            errors.Add("Secrets are set but SignatureHeader is not: set SignatureHeader, or the secrets would never be checked.");
        }

        if (Secrets.Count > MaxSecrets)
        {
            errors.Add($"At most {MaxSecrets} secrets may be active at once (the current one and the next); there are {Secrets.Count}.");
        }

        for (var i = 0; i < Secrets.Count; i++)
        {
            if (WebhookSecrets.Problem(kind, Secrets[i]) is { } problem)
            {
                errors.Add($"Secrets[{i}] {problem}");
            }
        }
    }

    private void CheckGenericOnly(WebhookSourceKind kind, string name, List<string> errors)
    {
        if (kind == WebhookSourceKind.Generic)
        {
            if (IsBlank(SignatureHeader) && (SignaturePrefix is not null || SignatureEncoding != WebhookSignatureEncoding.Hex))
            {
                errors.Add("SignaturePrefix and SignatureEncoding need a SignatureHeader.");
            }

            if (!Enum.IsDefined(SignatureEncoding))
            {
                errors.Add("SignatureEncoding is hex or base64.");
            }

            return;
        }

        foreach (var (setting, value) in new[] { ("EventHeader", EventHeader), ("SignatureHeader", SignatureHeader), ("SignaturePrefix", SignaturePrefix), ("DeliveryIdHeader", DeliveryIdHeader) })
        {
            if (value is not null)
            {
                errors.Add($"{setting} applies to generic sources only; a {name} source's headers are fixed by its sender.");
            }
        }
    }

    private static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value);
}
