using FanOut.Core.Webhooks;
using FanOut.UnitTests.SignalR;
using Microsoft.Extensions.Configuration;

namespace FanOut.UnitTests.Webhooks;

public class WebhookSourceOptionsTests
{
    public static TheoryData<WebhookSourceOptions> UsableSources() =>
    [
        Source(WebhookSourceKind.GitHub, "It's a Secret to Everybody"),
        Source(WebhookSourceKind.GitHub, "current", "next"),
        Source(WebhookSourceKind.Stripe, "whsec_abc"),
        Source(WebhookSourceKind.Standard, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
        Source(WebhookSourceKind.Standard, "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
        new() { Kind = WebhookSourceKind.Generic, EventHeader = "X-Event" },
        new() { Kind = WebhookSourceKind.Generic, Event = "order" },
        With(Source(WebhookSourceKind.Generic, "s"), s => { s.Event = "order"; s.SignatureHeader = "X-Sig"; s.SignaturePrefix = "sha256="; s.SignatureEncoding = WebhookSignatureEncoding.Base64; }),
        With(Source(WebhookSourceKind.Standard, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), s => { s.Event = "fallback"; s.ToleranceSeconds = 60; }),
    ];

    [Theory]
    [MemberData(nameof(UsableSources))]
    public void Validate_UsableSource_ReportsNothing(WebhookSourceOptions source) => Assert.Empty(source.Validate());

    [Fact]
    public void Validate_WithoutKind_SaysKindIsRequired() =>
        Assert.Contains("Kind is required", Assert.Single(new WebhookSourceOptions().Validate()), StringComparison.Ordinal);

    [Theory]
    [InlineData(WebhookSourceKind.GitHub, "github source needs at least one secret")]
    [InlineData(WebhookSourceKind.Stripe, "stripe source needs at least one secret")]
    [InlineData(WebhookSourceKind.Standard, "standard source needs at least one secret")]
    public void Validate_SignedKindWithoutSecret_SaysASecretIsNeeded(WebhookSourceKind kind, string expected) =>
        AssertError(Source(kind), expected);

    [Fact]
    public void Validate_ThreeSecrets_SaysAtMostTwo() =>
        AssertError(Source(WebhookSourceKind.GitHub, "a", "b", "c"), "At most 2 secrets");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_BlankSecret_SaysItIsEmpty(string secret) =>
        AssertError(Source(WebhookSourceKind.GitHub, "ok", secret), "Secrets[1] is empty");

    [Fact]
    public void Validate_SecretWithTrailingNewline_SaysSo() =>
        AssertError(Source(WebhookSourceKind.GitHub, "secret\n"), "Secrets[0] has leading or trailing whitespace");

    [Fact]
    public void Validate_StripeApiKeyInsteadOfSigningSecret_SaysSo() =>
        AssertError(Source(WebhookSourceKind.Stripe, "sk_test_123"), "Secrets[0] is not a Stripe endpoint signing secret");

    [Theory]
    [InlineData("whsec_")]
    [InlineData("whsec_not base64!")]
    [InlineData("whsec_abc")]
    public void Validate_StandardSecretThatIsNotBase64_SaysSo(string secret) =>
        AssertError(Source(WebhookSourceKind.Standard, secret), "Secrets[0] is not a Standard Webhooks secret");

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(86_401)]
    public void Validate_ToleranceOutOfRange_SaysSo(int seconds) =>
        AssertError(With(Source(WebhookSourceKind.Stripe, "whsec_x"), s => s.ToleranceSeconds = seconds), "ToleranceSeconds must be between 1 and 86400");

    [Fact]
    public void Validate_GenericWithoutEventSource_SaysEventHeaderOrEventIsNeeded() =>
        AssertError(new WebhookSourceOptions { Kind = WebhookSourceKind.Generic }, "needs EventHeader, Event, or both");

    [Fact]
    public void Validate_GenericSignatureHeaderWithoutSecret_SaysASecretIsNeeded() =>
        AssertError(new WebhookSourceOptions { Kind = WebhookSourceKind.Generic, Event = "e", SignatureHeader = "X-Sig" }, "with a SignatureHeader needs at least one secret");

    [Fact]
    public void Validate_GenericSecretsWithoutSignatureHeader_SaysTheyWouldNeverBeChecked() =>
        AssertError(With(Source(WebhookSourceKind.Generic, "s"), s => s.Event = "e"), "SignatureHeader is not");

    [Fact]
    public void Validate_GenericPrefixWithoutSignatureHeader_SaysItNeedsOne() =>
        AssertError(new WebhookSourceOptions { Kind = WebhookSourceKind.Generic, Event = "e", SignaturePrefix = "sha256=" }, "need a SignatureHeader");

    [Theory]
    [InlineData(nameof(WebhookSourceOptions.EventHeader))]
    [InlineData(nameof(WebhookSourceOptions.SignatureHeader))]
    [InlineData(nameof(WebhookSourceOptions.SignaturePrefix))]
    [InlineData(nameof(WebhookSourceOptions.DeliveryIdHeader))]
    public void Validate_GenericOnlySettingOnGitHub_SaysItDoesNotApply(string setting)
    {
        var source = Source(WebhookSourceKind.GitHub, "s");
        typeof(WebhookSourceOptions).GetProperty(setting)!.SetValue(source, "X-Value");

        AssertError(source, setting + " applies to generic sources only");
    }

    [Theory]
    [InlineData(WebhookSourceKind.GitHub, "s")]
    [InlineData(WebhookSourceKind.Stripe, "whsec_s")]
    public void Validate_FixedEventWhereTheRequestNamesIt_SaysItDoesNotApply(WebhookSourceKind kind, string secret) =>
        AssertError(With(Source(kind, secret), s => s.Event = "fixed"), "Event does not apply");

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("1st")]
    public void Validate_FixedEventBreakingTheEventRule_SaysSo(string fixedEvent) =>
        AssertError(new WebhookSourceOptions { Kind = WebhookSourceKind.Generic, Event = fixedEvent }, "is not a valid event name");

    [Fact]
    public void Verify_MisconfiguredSource_ThrowsWithTheProblems()
    {
        var verifier = new WebhookVerifier(new ManualTimeProvider(DateTimeOffset.UnixEpoch));

        var error = Assert.Throws<InvalidOperationException>(() => verifier.Verify(Source(WebhookSourceKind.GitHub), _ => null, []));

        Assert.Contains("github source needs at least one secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_BindFromConfiguration_CaseInsensitiveKindAndSecretList()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kind"] = "stripe",
            ["Secrets:0"] = "whsec_current",
            ["Secrets:1"] = "whsec_next",
            ["ToleranceSeconds"] = "120",
        }).Build();

        var source = configuration.Get<WebhookSourceOptions>()!;

        Assert.Equal(WebhookSourceKind.Stripe, source.Kind);
        Assert.Equal(["whsec_current", "whsec_next"], source.Secrets);
        Assert.Equal(120, source.ToleranceSeconds);
        Assert.Empty(source.Validate());
    }

    [Fact]
    public void Options_BindGenericFromConfiguration_ReadsEveryHeaderSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kind"] = "Generic",
            ["Secrets:0"] = "s",
            ["EventHeader"] = "X-Event",
            ["SignatureHeader"] = "X-Signature",
            ["SignatureEncoding"] = "base64",
            ["SignaturePrefix"] = "sha256=",
            ["DeliveryIdHeader"] = "X-Id",
        }).Build();

        var source = configuration.Get<WebhookSourceOptions>()!;

        Assert.Equal(WebhookSignatureEncoding.Base64, source.SignatureEncoding);
        Assert.Equal(("X-Event", "X-Signature", "sha256=", "X-Id"), (source.EventHeader, source.SignatureHeader, source.SignaturePrefix, source.DeliveryIdHeader));
        Assert.Empty(source.Validate());
    }

    private static void AssertError(WebhookSourceOptions source, string expected)
    {
        var errors = source.Validate();
        Assert.True(errors.Any(e => e.Contains(expected, StringComparison.Ordinal)), $"No error contains \"{expected}\": {string.Join(" | ", errors)}");
    }

    private static WebhookSourceOptions Source(WebhookSourceKind kind, params string[] secrets)
    {
        var source = new WebhookSourceOptions { Kind = kind };
        foreach (var secret in secrets)
        {
            source.Secrets.Add(secret);
        }

        return source;
    }

    private static WebhookSourceOptions With(WebhookSourceOptions source, Action<WebhookSourceOptions> change)
    {
        change(source);
        return source;
    }
}
