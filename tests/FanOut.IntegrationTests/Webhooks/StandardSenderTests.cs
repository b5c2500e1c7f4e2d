using FanOut.Core.Validation;
using FanOut.Core.Webhooks;
using FanOut.Testing.Webhooks;

namespace FanOut.IntegrationTests.Webhooks;

/// <summary>Payloads signed by the Standard Webhooks reference library (<c>standardwebhooks</c>), verified by <see cref="WebhookVerifier"/>.</summary>
public class StandardSenderTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string NextSecret = "whsec_bmV4dC1zdGFuZGFyZC13ZWJob29rcy1rZXk=";
    private const string Fixture = "standard-invoice-paid.json";
    private const string MessageId = "msg_2pZfixtureInvoicePaid0001";

    [Fact]
    public async Task Standard_InvoicePaidSignedByTheReferenceLibrary_Verifies()
    {
        var result = Verify(await SignAsync(WebhookFixtures.Read(Fixture)), Secret);

        Assert.True(result.IsVerified, result.Rejected?.Detail);
        Assert.Equal(("invoice.paid", MessageId), (result.EventName, result.DeliveryId));
    }

    [Fact]
    public async Task Standard_ReferenceLibrary_ProducesThePublishedTestVector()
    {
        var body = """{"test": 2432232314}"""u8.ToArray();

        var headers = await SenderSignatures.SignAsync("standard", Secret, body, 1614265330, "msg_p5jXN8AQM9LWM0D4loKWxJek");

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", headers["webhook-signature"]);
    }

    [Fact]
    public async Task Standard_SignedWithTheNextSecret_VerifiesWhileBothAreActive()
    {
        var request = await SignAsync(WebhookFixtures.Read(Fixture), secret: NextSecret);

        Assert.True(Verify(request, Secret, NextSecret).IsVerified);
        Assert.Equal(RejectionCodes.InvalidSignature, Verify(request, Secret).Rejected?.Code);
    }

    [Fact]
    public async Task Standard_BodyChangedAfterSigning_IsInvalidSignature()
    {
        var request = await SignAsync(WebhookFixtures.Read(Fixture));
        var index = request.Body.AsSpan().IndexOf("129900"u8);

        Assert.Equal(RejectionCodes.InvalidSignature, Verify(request.Tampered(index, (byte)'2'), Secret).Rejected?.Code);
    }

    [Fact]
    public async Task Standard_IdChangedAfterSigning_IsInvalidSignature()
    {
        var request = (await SignAsync(WebhookFixtures.Read(Fixture))).With("webhook-id", "msg_replayedUnderAnotherId");

        Assert.Equal(RejectionCodes.InvalidSignature, Verify(request, Secret).Rejected?.Code);
    }

    [Theory]
    [InlineData(-600)]
    [InlineData(600)]
    public async Task Standard_SignedTenMinutesAwayFromNow_IsSignatureExpired(int offsetSeconds)
    {
        var request = await SignAsync(WebhookFixtures.Read(Fixture), offsetSeconds);

        Assert.Equal(RejectionCodes.SignatureExpired, Verify(request, Secret).Rejected?.Code);
    }

    private static async Task<SignedRequest> SignAsync(byte[] body, int offsetSeconds = 0, string secret = Secret) =>
        new(body, await SenderSignatures.SignAsync("standard", secret, body, TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds, MessageId));

    private static WebhookVerificationResult Verify(SignedRequest request, params string[] secrets)
    {
        var source = new WebhookSourceOptions { Kind = WebhookSourceKind.Standard };
        foreach (var secret in secrets)
        {
            source.Secrets.Add(secret);
        }

        return new WebhookVerifier(TimeProvider.System).Verify(source, request.Header, request.Body);
    }
}
