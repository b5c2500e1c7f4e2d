using FanOut.Core.Webhooks;
using FanOut.UnitTests.SignalR;

namespace FanOut.UnitTests.Webhooks;

public class StandardWebhookTests
{
    // The reference test vector of the Standard Webhooks specification and its libraries.
    private const string VectorSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string VectorId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long VectorTimestamp = 1614265330;
    private const string VectorBody = """{"test": 2432232314}""";
    private const string VectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private const string NextSecret = "whsec_bmV4dC1zdGFuZGFyZC13ZWJob29rcy1rZXk="; // base64 of "next-standard-webhooks-key"
    private const string Body = """{"type":"invoice.paid","timestamp":"2021-02-25T15:02:10Z","data":{"type":"nested"}}""";

    private readonly ManualTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp));

    [Fact]
    public void Standard_ReferenceTestVector_Verifies() =>
        WebhookAssert.Verified(Verify(Vector(VectorBody), Source(fixedEvent: "test")), "test", VectorId);

    [Fact]
    public void Standard_ReferenceTestVectorWithTamperedBody_IsInvalidSignature() =>
        WebhookAssert.InvalidSignature(Verify(Vector("""{"test": 2432232315}"""), Source(fixedEvent: "test")));

    [Fact]
    public void Standard_ReferenceTestVectorWithAnotherId_IsInvalidSignature()
    {
        var request = Vector(VectorBody).With("webhook-id", "msg_other");

        WebhookAssert.InvalidSignature(Verify(request, Source(fixedEvent: "test")));
    }

    [Fact]
    public void Standard_SignatureDifferingOnlyInTheLastByte_IsInvalidSignature()
    {
        var mac = Convert.FromBase64String(VectorSignature["v1,".Length..]);
        mac[^1] ^= 1;
        var request = Vector(VectorBody).With("webhook-signature", "v1," + Convert.ToBase64String(mac));

        WebhookAssert.InvalidSignature(Verify(request, Source(fixedEvent: "test")));
    }

    [Fact]
    public void Standard_SecretWithoutWhsecPrefix_Verifies() =>
        Assert.True(Verify(Vector(VectorBody), Source(VectorSecret["whsec_".Length..], fixedEvent: "test")).IsVerified);

    [Fact]
    public void Standard_TypeInBody_NamesTheEvent() =>
        WebhookAssert.Verified(Verify(Signed(Body), Source(fixedEvent: "fallback")), "invoice.paid", VectorId);

    [Fact]
    public void Standard_NoTypeInBody_UsesTheFixedEvent() =>
        WebhookAssert.Verified(Verify(Signed("""{"data":{"type":"nested"}}"""), Source(fixedEvent: "fallback")), "fallback", VectorId);

    [Fact]
    public void Standard_BodyThatIsNotJson_UsesTheFixedEvent() =>
        WebhookAssert.Verified(Verify(Signed("plain text"), Source(fixedEvent: "fallback")), "fallback", VectorId);

    [Theory]
    [InlineData("""{"data":{}}""")]
    [InlineData("""{"type":1}""")]
    [InlineData("not json")]
    [InlineData("")]
    public void Standard_NoTypeAndNoFixedEvent_IsMissingEvent(string body) =>
        WebhookAssert.MissingEvent(Verify(Signed(body), Source()));

    [Fact]
    public void Standard_TypeBreakingTheEventRule_IsInvalidEvent() =>
        WebhookAssert.InvalidEvent(Verify(Signed("""{"type":"invoice/paid"}"""), Source(fixedEvent: "fallback")));

    [Fact]
    public void Standard_WithSecondActiveSecret_Verifies() =>
        WebhookAssert.Verified(Verify(Signed(Body, secret: NextSecret), Source(VectorSecret, NextSecret)), "invoice.paid", VectorId);

    [Fact]
    public void Standard_WrongSecret_IsInvalidSignature() =>
        WebhookAssert.InvalidSignature(Verify(Signed(Body, secret: NextSecret), Source()));

    [Theory]
    [InlineData("v1,{1} v1,{0}")]
    [InlineData("v1a,{1} v1,{0}")]
    [InlineData("v2,{1}   v1,{0} v1,not-base64!")]
    [InlineData("v1,{0} v1,{1}")]
    public void Standard_AnyMatchingV1AmongSeveral_Verifies(string format)
    {
        var header = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, VectorSignature["v1,".Length..], Convert.ToBase64String(new byte[32]));

        Assert.True(Verify(Vector(VectorBody).With("webhook-signature", header), Source(fixedEvent: "test")).IsVerified);
    }

    [Theory]
    [InlineData("v1a,{0}")]
    [InlineData("v2,{0}")]
    [InlineData("{0}")]
    [InlineData("v1,")]
    [InlineData("v1,{0}=")]
    [InlineData("v1,{0}AAAA")]
    [InlineData("v1,@@@@")]
    [InlineData("v1;{0}")]
    [InlineData("v1,,{0}")]
    public void Standard_MalformedSignature_IsInvalidSignature(string format)
    {
        var header = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, VectorSignature["v1,".Length..]);

        WebhookAssert.InvalidSignature(Verify(Vector(VectorBody).With("webhook-signature", header), Source(fixedEvent: "test")));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-1_000_000)]
    public void Standard_TimestampOutsideFiveMinutesEitherWay_IsSignatureExpired(long offset) =>
        WebhookAssert.Expired(Verify(Signed(Body, VectorTimestamp + offset), Source()));

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Standard_TimestampAtTheToleranceEdge_Verifies(long offset) =>
        Assert.True(Verify(Signed(Body, VectorTimestamp + offset), Source()).IsVerified);

    [Fact]
    public void Standard_ReferenceVectorLaterThanFiveMinutes_IsSignatureExpired()
    {
        _clock.Now = _clock.Now.AddMinutes(6);

        WebhookAssert.Expired(Verify(Vector(VectorBody), Source(fixedEvent: "test")));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("1614265330.0")]
    [InlineData("-1614265330")]
    [InlineData("1.6e9")]
    [InlineData("2021-02-25T15:02:10Z")]
    [InlineData("1614265330 1614265330")]
    [InlineData("99999999999999999999")]
    public void Standard_TimestampThatIsNotANumber_IsInvalidSignature(string timestamp) =>
        WebhookAssert.InvalidSignature(Verify(Vector(VectorBody).With("webhook-timestamp", timestamp), Source(fixedEvent: "test")));

    [Theory]
    [InlineData("webhook-id")]
    [InlineData("webhook-timestamp")]
    [InlineData("webhook-signature")]
    public void Standard_MissingHeader_IsInvalidSignature(string missing) =>
        WebhookAssert.InvalidSignature(Verify(Vector(VectorBody).With(missing, "  "), Source(fixedEvent: "test")));

    private static WebhookRequest Vector(string body) =>
        new WebhookRequest(body)
            .With("webhook-id", VectorId)
            .With("webhook-timestamp", VectorTimestamp.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("webhook-signature", VectorSignature);

    private static WebhookRequest Signed(string body, long timestamp = VectorTimestamp, string secret = VectorSecret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        return new WebhookRequest(body)
            .With("Webhook-Id", VectorId)
            .With("Webhook-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Webhook-Signature", "v1," + WebhookRequest.Base64Hmac(key, $"{VectorId}.{timestamp}.{body}"));
    }

    private static WebhookSourceOptions Source(string secret = VectorSecret, string? next = null, string? fixedEvent = null)
    {
        var source = new WebhookSourceOptions { Kind = WebhookSourceKind.Standard, Event = fixedEvent };
        source.Secrets.Add(secret);
        if (next is not null)
        {
            source.Secrets.Add(next);
        }

        return source;
    }

    private WebhookVerificationResult Verify(WebhookRequest request, WebhookSourceOptions source) =>
        new WebhookVerifier(_clock).Verify(source, request.Header, request.Body);
}
