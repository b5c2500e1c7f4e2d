using FanOut.Core.Validation;
using FanOut.Core.Webhooks;
using FanOut.Testing.Webhooks;

namespace FanOut.IntegrationTests.Webhooks;

/// <summary>Events signed by Stripe's own library (<c>stripe.webhooks.generateTestHeaderString</c>), verified by <see cref="WebhookVerifier"/>.</summary>
public class StripeSenderTests
{
    private const string Secret = "whsec_fixtureCurrentSigningSecret";
    private const string NextSecret = "whsec_fixtureNextSigningSecret";
    private const string Fixture = "stripe-payment-intent-succeeded.json";

    [Fact]
    public async Task Stripe_PaymentIntentSucceededSignedByStripeNode_Verifies()
    {
        var result = Verify(await SignAsync(WebhookFixtures.Read(Fixture)), Secret);

        Assert.True(result.IsVerified, result.Rejected?.Detail);
        Assert.Equal(("payment_intent.succeeded", "evt_3SZk9qFixture0001aBcDeF12"), (result.EventName, result.DeliveryId));
    }

    [Fact]
    public async Task Stripe_SignedByStripeNodeWithTheNextSecret_VerifiesWhileBothAreActive()
    {
        var request = await SignAsync(WebhookFixtures.Read(Fixture), secret: NextSecret);

        Assert.True(Verify(request, Secret, NextSecret).IsVerified);
        Assert.Equal(RejectionCodes.InvalidSignature, Verify(request, Secret).Rejected?.Code);
    }

    [Fact]
    public async Task Stripe_HeaderWithOneV1PerRolledSecret_VerifiesUnderEither()
    {
        var body = WebhookFixtures.Read(Fixture);
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var old = (await SenderSignatures.SignAsync("stripe", "whsec_fixtureExpiringSecret", body, now))["Stripe-Signature"];
        var next = (await SenderSignatures.SignAsync("stripe", NextSecret, body, now))["Stripe-Signature"];
        var combined = new SignedRequest(body, new(StringComparer.OrdinalIgnoreCase) { ["Stripe-Signature"] = old + "," + next.Split(',')[1] });

        Assert.True(Verify(combined, NextSecret).IsVerified);
        Assert.Equal(RejectionCodes.InvalidSignature, Verify(combined, Secret).Rejected?.Code);
    }

    [Fact]
    public async Task Stripe_BodyChangedAfterSigning_IsInvalidSignature()
    {
        var request = await SignAsync(WebhookFixtures.Read(Fixture));
        var index = request.Body.AsSpan().IndexOf("\"amount\": 4200"u8) + "\"amount\": ".Length;

        Assert.Equal(RejectionCodes.InvalidSignature, Verify(request.Tampered(index, (byte)'9'), Secret).Rejected?.Code);
    }

    [Theory]
    [InlineData(-600)]
    [InlineData(600)]
    public async Task Stripe_SignedTenMinutesAwayFromNow_IsSignatureExpired(int offsetSeconds)
    {
        var request = await SignAsync(WebhookFixtures.Read(Fixture), offsetSeconds);

        Assert.Equal(RejectionCodes.SignatureExpired, Verify(request, Secret).Rejected?.Code);
    }

    [Fact]
    public async Task Stripe_SignedFourMinutesAgo_Verifies() =>
        Assert.True(Verify(await SignAsync(WebhookFixtures.Read(Fixture), -240), Secret).IsVerified);

    [Fact]
    public async Task Stripe_SignedObjectThatIsNoEvent_IsMissingEvent()
    {
        var request = await SignAsync("""{"id":"pi_1","object":"payment_intent"}"""u8.ToArray());

        Assert.Equal(RejectionCodes.MissingEvent, Verify(request, Secret).Rejected?.Code);
    }

    private static async Task<SignedRequest> SignAsync(byte[] body, int offsetSeconds = 0, string secret = Secret) =>
        new(body, await SenderSignatures.SignAsync("stripe", secret, body, TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds));

    private static WebhookVerificationResult Verify(SignedRequest request, params string[] secrets)
    {
        var source = new WebhookSourceOptions { Kind = WebhookSourceKind.Stripe };
        foreach (var secret in secrets)
        {
            source.Secrets.Add(secret);
        }

        return new WebhookVerifier(TimeProvider.System).Verify(source, request.Header, request.Body);
    }
}
