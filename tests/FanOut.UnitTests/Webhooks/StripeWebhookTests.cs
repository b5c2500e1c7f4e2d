using FanOut.Core.Webhooks;
using FanOut.UnitTests.SignalR;

namespace FanOut.UnitTests.Webhooks;

public class StripeWebhookTests
{
    private const string Secret = "whsec_test_current";
    private const string NextSecret = "whsec_test_next";
    private const long Now = 1_700_000_000;
    private const string Event = """{"id":"evt_1","object":"event","type":"payment_intent.succeeded","data":{"object":{"id":"pi_1","type":"nested"}}}""";

    private readonly WebhookVerifier _verifier = new(new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Now)));

    [Fact]
    public void Stripe_SignedEvent_VerifiesWithTypeAndId() =>
        WebhookAssert.Verified(Verify(Signed(Event)), "payment_intent.succeeded", "evt_1");

    [Fact]
    public void Stripe_WithSecondActiveSecret_Verifies() =>
        WebhookAssert.Verified(Verify(Signed(Event, secret: NextSecret), Secret, NextSecret), "payment_intent.succeeded", "evt_1");

    [Fact]
    public void Stripe_OneV1PerActiveSecret_Verifies()
    {
        var header = $"t={Now},v1={V1(Event, Now, "whsec_old")},v1={V1(Event, Now, NextSecret)}";

        Assert.True(Verify(Request(Event, header), Secret, NextSecret).IsVerified);
    }

    [Theory]
    [InlineData("t={0},v1={1},v1={2}")]
    [InlineData("t={0},v1={2},v1={1}")]
    [InlineData("v1={2},t={0},v0={2},v1={1}")]
    [InlineData("t={0}, v1={2}, v1={1}")]
    [InlineData("t={0},v1=,v1=zz,v1={1}")]
    [InlineData("t={0},v1={1},extra,v2=foo")]
    public void Stripe_AnyMatchingV1AmongSeveral_Verifies(string format)
    {
        var header = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, Now, V1(Event, Now), new string('0', 64));

        Assert.True(Verify(Request(Event, header)).IsVerified);
    }

    [Fact]
    public void Stripe_OnlyV0Signature_IsInvalidSignature() =>
        WebhookAssert.InvalidSignature(Verify(Request(Event, $"t={Now},v0={V1(Event, Now)}")));

    [Fact]
    public void Stripe_WrongSecret_IsInvalidSignature() =>
        WebhookAssert.InvalidSignature(Verify(Signed(Event, secret: "whsec_someone_else")));

    [Fact]
    public void Stripe_TamperedBody_IsInvalidSignature() =>
        WebhookAssert.InvalidSignature(Verify(Request(Event.Replace("succeeded", "failed", StringComparison.Ordinal), $"t={Now},v1={V1(Event, Now)}")));

    [Fact]
    public void Stripe_SignatureReusedWithAnotherTimestamp_IsInvalidSignature() =>
        WebhookAssert.InvalidSignature(Verify(Request(Event, $"t={Now + 1},v1={V1(Event, Now)}")));

    [Theory]
    [InlineData(-301)]
    [InlineData(-86_400)]
    [InlineData(301)]
    [InlineData(3_600)]
    public void Stripe_TimestampOutsideFiveMinutes_IsSignatureExpired(long offset) =>
        WebhookAssert.Expired(Verify(Signed(Event, Now + offset)));

    [Theory]
    [InlineData(-300)]
    [InlineData(0)]
    [InlineData(300)]
    public void Stripe_TimestampWithinFiveMinutes_Verifies(long offset) =>
        Assert.True(Verify(Signed(Event, Now + offset)).IsVerified);

    [Fact]
    public void Stripe_ConfiguredTolerance_IsHonoured()
    {
        var request = Signed(Event, Now - 61);
        var source = Source(Secret);
        source.ToleranceSeconds = 60;

        WebhookAssert.Expired(_verifier.Verify(source, request.Header, request.Body));
    }

    [Fact]
    public void Stripe_ExpiredTimestampWithWrongSignature_IsInvalidSignature() =>
        WebhookAssert.InvalidSignature(Verify(Signed(Event, Now - 3_600, secret: "whsec_someone_else")));

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("v1={1}")]
    [InlineData("t={0}")]
    [InlineData("t={0},v0={1}")]
    [InlineData("t=abc,v1={1}")]
    [InlineData("t=,v1={1}")]
    [InlineData("t,v1={1}")]
    [InlineData("t=-5,v1={1}")]
    [InlineData("t=+{0},v1={1}")]
    [InlineData("t={0}.5,v1={1}")]
    [InlineData("t=1e9,v1={1}")]
    [InlineData("t=0x10,v1={1}")]
    [InlineData("t=99999999999999999999999,v1={1}")]
    [InlineData("t={0},t={0},v1={1}")]
    [InlineData("t={0};v1={1}")]
    [InlineData(",,,,")]
    [InlineData("t={0},v1")]
    public void Stripe_MalformedSignatureHeader_IsInvalidSignature(string format)
    {
        var header = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, Now, V1(Event, Now));

        WebhookAssert.InvalidSignature(Verify(Request(Event, header)));
    }

    [Fact]
    public void Stripe_MissingSignatureHeader_IsInvalidSignature() =>
        WebhookAssert.InvalidSignature(Verify(new WebhookRequest(Event)));

    [Theory]
    [InlineData("""{"id":"evt_1","object":"event"}""")]
    [InlineData("""{"id":"evt_1","type":null}""")]
    [InlineData("""{"id":"evt_1","type":42}""")]
    [InlineData("""{"data":{"type":"nested.only"}}""")]
    [InlineData("not json")]
    [InlineData("""{"type":"payment_intent.succeeded",""")]
    public void Stripe_SignedBodyWithoutStringType_IsMissingEvent(string body) =>
        WebhookAssert.MissingEvent(Verify(Signed(body)));

    [Theory]
    [InlineData("""{"type":"payment intent"}""")]
    [InlineData("""{"type":""}""")]
    [InlineData("""{"type":"v2/core.event"}""")]
    public void Stripe_TypeBreakingTheEventRule_IsInvalidEvent(string body) =>
        WebhookAssert.InvalidEvent(Verify(Signed(body)));

    [Fact]
    public void Stripe_EventWithoutId_VerifiesWithoutDeliveryId() =>
        WebhookAssert.Verified(Verify(Signed("""{"type":"customer.created"}""")), "customer.created", null);

    private static string V1(string body, long timestamp, string secret = Secret) => WebhookRequest.HexHmac(secret, $"{timestamp}.{body}");

    private static WebhookRequest Signed(string body, long timestamp = Now, string secret = Secret) =>
        Request(body, $"t={timestamp},v1={V1(body, timestamp, secret)}");

    private static WebhookRequest Request(string body, string signature) => new WebhookRequest(body).With("Stripe-Signature", signature);

    private static WebhookSourceOptions Source(params string[] secrets)
    {
        var source = new WebhookSourceOptions { Kind = WebhookSourceKind.Stripe };
        foreach (var secret in secrets.Length == 0 ? [Secret] : secrets)
        {
            source.Secrets.Add(secret);
        }

        return source;
    }

    private WebhookVerificationResult Verify(WebhookRequest request, params string[] secrets) =>
        _verifier.Verify(Source(secrets), request.Header, request.Body);
}
