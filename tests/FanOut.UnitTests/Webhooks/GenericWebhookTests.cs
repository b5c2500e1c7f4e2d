using System.Text;
using FanOut.Core.Webhooks;
using FanOut.UnitTests.SignalR;

namespace FanOut.UnitTests.Webhooks;

public class GenericWebhookTests
{
    private const string Secret = "generic-secret";
    private const string NextSecret = "generic-secret-next";
    private const string Body = """{"order":42,"status":"shipped"}""";

    private readonly WebhookVerifier _verifier = new(new ManualTimeProvider(DateTimeOffset.UnixEpoch));

    [Fact]
    public void Generic_Unsigned_TakesTheEventFromTheConfiguredHeader() =>
        WebhookAssert.Verified(Verify(Unsigned(), new WebhookRequest(Body).With("x-event-type", "order.shipped")), "order.shipped", null);

    [Fact]
    public void Generic_EventHeaderAbsent_UsesTheFixedEvent() =>
        WebhookAssert.Verified(Verify(Unsigned(fixedEvent: "order"), new WebhookRequest(Body)), "order", null);

    [Fact]
    public void Generic_EventHeaderPresent_WinsOverTheFixedEvent() =>
        WebhookAssert.Verified(Verify(Unsigned(fixedEvent: "order"), new WebhookRequest(Body).With("X-Event-Type", "order.paid")), "order.paid", null);

    [Fact]
    public void Generic_OnlyAFixedEvent_IgnoresRequestHeaders()
    {
        var source = new WebhookSourceOptions { Kind = WebhookSourceKind.Generic, Event = "ping" };

        WebhookAssert.Verified(Verify(source, new WebhookRequest(Body).With("X-Event-Type", "other")), "ping", null);
    }

    [Fact]
    public void Generic_NoEventHeaderAndNoFixedEvent_IsMissingEvent() =>
        WebhookAssert.MissingEvent(Verify(Unsigned(), new WebhookRequest(Body)));

    [Theory]
    [InlineData("order shipped")]
    [InlineData("-order")]
    [InlineData("ordér")]
    public void Generic_EventHeaderBreakingTheEventRule_IsInvalidEvent(string eventName) =>
        WebhookAssert.InvalidEvent(Verify(Unsigned(), new WebhookRequest(Body).With("X-Event-Type", eventName)));

    [Fact]
    public void Generic_DeliveryId_ComesFromTheConfiguredHeader()
    {
        var source = Unsigned();
        source.DeliveryIdHeader = "X-Request-Id";

        WebhookAssert.Verified(Verify(source, new WebhookRequest(Body).With("X-Event-Type", "order").With("x-request-id", "req-7")), "order", "req-7");
    }

    [Fact]
    public void Generic_Unsigned_DoesNotReadTheBody() =>
        Assert.True(Verify(Unsigned(), new WebhookRequest("not json at all").With("X-Event-Type", "order")).IsVerified);

    [Fact]
    public void Generic_HexSignatureWithPrefix_Verifies() =>
        WebhookAssert.Verified(Verify(Signed(WebhookSignatureEncoding.Hex, "sha256="), HexRequest("sha256=", Secret)), "order", null);

    [Fact]
    public void Generic_HexSignatureWithoutPrefix_Verifies() =>
        Assert.True(Verify(Signed(WebhookSignatureEncoding.Hex, null), HexRequest(string.Empty, Secret)).IsVerified);

    [Fact]
    public void Generic_Base64Signature_Verifies() =>
        Assert.True(Verify(Signed(WebhookSignatureEncoding.Base64, null), Base64Request(Secret)).IsVerified);

    [Fact]
    public void Generic_WithSecondActiveSecret_Verifies() =>
        Assert.True(Verify(Signed(WebhookSignatureEncoding.Hex, "sha256=", NextSecret), HexRequest("sha256=", NextSecret)).IsVerified);

    [Fact]
    public void Generic_WrongSecret_IsInvalidSignature() =>
        WebhookAssert.InvalidSignature(Verify(Signed(WebhookSignatureEncoding.Hex, "sha256="), HexRequest("sha256=", "someone else")));

    [Fact]
    public void Generic_TamperedBody_IsInvalidSignature()
    {
        var request = new WebhookRequest(Body.Replace("42", "43", StringComparison.Ordinal))
            .With("X-Signature", "sha256=" + WebhookRequest.HexHmac(Secret, Body))
            .With("X-Event-Type", "order");

        WebhookAssert.InvalidSignature(Verify(Signed(WebhookSignatureEncoding.Hex, "sha256="), request));
    }

    [Fact]
    public void Generic_MissingSignatureHeader_IsInvalidSignature() =>
        WebhookAssert.InvalidSignature(Verify(Signed(WebhookSignatureEncoding.Hex, "sha256="), new WebhookRequest(Body).With("X-Event-Type", "order")));

    [Fact]
    public void Generic_SignatureWithoutTheConfiguredPrefix_IsInvalidSignature() =>
        WebhookAssert.InvalidSignature(Verify(Signed(WebhookSignatureEncoding.Hex, "sha256="), HexRequest(string.Empty, Secret)));

    [Fact]
    public void Generic_HexSignatureWhereBase64IsConfigured_IsInvalidSignature() =>
        WebhookAssert.InvalidSignature(Verify(Signed(WebhookSignatureEncoding.Base64, null), HexRequest(string.Empty, Secret)));

    [Theory]
    [InlineData("!!!")]
    [InlineData("====")]
    [InlineData("AAAA")]
    public void Generic_InvalidBase64_IsInvalidSignature(string signature) =>
        WebhookAssert.InvalidSignature(Verify(Signed(WebhookSignatureEncoding.Base64, null), new WebhookRequest(Body).With("X-Signature", signature).With("X-Event-Type", "order")));

    [Fact]
    public void Generic_SignatureIsCheckedBeforeTheEvent() =>
        WebhookAssert.InvalidSignature(Verify(Signed(WebhookSignatureEncoding.Hex, null), new WebhookRequest(Body).With("X-Signature", "00")));

    private static WebhookSourceOptions Unsigned(string? fixedEvent = null) =>
        new() { Kind = WebhookSourceKind.Generic, EventHeader = "X-Event-Type", Event = fixedEvent };

    private static WebhookSourceOptions Signed(WebhookSignatureEncoding encoding, string? prefix, string secret = Secret)
    {
        var source = new WebhookSourceOptions
        {
            Kind = WebhookSourceKind.Generic,
            EventHeader = "X-Event-Type",
            SignatureHeader = "X-Signature",
            SignatureEncoding = encoding,
            SignaturePrefix = prefix,
        };
        source.Secrets.Add(Secret);
        if (secret != Secret)
        {
            source.Secrets.Add(secret);
        }

        return source;
    }

    private static WebhookRequest HexRequest(string prefix, string secret) =>
        new WebhookRequest(Body).With("X-Signature", prefix + WebhookRequest.HexHmac(secret, Body)).With("X-Event-Type", "order");

    private static WebhookRequest Base64Request(string secret) =>
        new WebhookRequest(Body).With("X-Signature", WebhookRequest.Base64Hmac(Encoding.UTF8.GetBytes(secret), Body)).With("X-Event-Type", "order");

    private WebhookVerificationResult Verify(WebhookSourceOptions source, WebhookRequest request) =>
        _verifier.Verify(source, request.Header, request.Body);
}
