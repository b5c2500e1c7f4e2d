using FanOut.Testing.LocalHost;

namespace FanOut.EndToEndTests;

/// <summary>The local host with webhook sources on the <c>chat</c> hub: GitHub (two active secrets), Stripe and Standard Webhooks.</summary>
public sealed class WebhooksFixture : LocalHostFixture
{
    public const string GitHubSecret = "github-webhook-secret";
    public const string GitHubNextSecret = "github-webhook-secret-next";
    public const string StripeSecret = "whsec_test_stripe_endpoint_secret";
    public const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["FanOut__Hubs__chat__Webhooks__github__Kind"] = "github",
        ["FanOut__Hubs__chat__Webhooks__github__Secrets__0"] = GitHubSecret,
        ["FanOut__Hubs__chat__Webhooks__github__Secrets__1"] = GitHubNextSecret,
        ["FanOut__Hubs__chat__Webhooks__stripe__Kind"] = "stripe",
        ["FanOut__Hubs__chat__Webhooks__stripe__Secrets__0"] = StripeSecret,
        ["FanOut__Hubs__chat__Webhooks__billing__Kind"] = "standard",
        ["FanOut__Hubs__chat__Webhooks__billing__Secrets__0"] = StandardSecret,
    };
}
