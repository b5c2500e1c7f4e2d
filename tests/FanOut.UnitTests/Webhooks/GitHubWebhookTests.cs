using System.Text;
using FanOut.Core.Webhooks;
using FanOut.UnitTests.SignalR;

namespace FanOut.UnitTests.Webhooks;

public class GitHubWebhookTests
{
    private const string Secret = "It's a Secret to Everybody";
    private const string NextSecret = "next-github-secret";
    private const string Delivery = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
    private const string PullRequestOpened = """{"action":"opened","number":1,"pull_request":{"title":"Add webhooks","labels":[{"name":"x"}]}}""";

    private readonly WebhookVerifier _verifier = new(new ManualTimeProvider(DateTimeOffset.UnixEpoch));

    // GitHub's documented example (docs.github.com, "Validating webhook deliveries").
    [Fact]
    public void GitHub_DocumentedExample_ProducesDocumentedSignature()
    {
        var expected = ExpectedSignatures.Compute([Encoding.UTF8.GetBytes(Secret)], default, "Hello, World!"u8);

        Assert.True(expected.MatchesHex("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));
    }

    [Fact]
    public void GitHub_DocumentedExample_PassesTheSignatureThenNeedsAJsonBody()
    {
        var request = new WebhookRequest("Hello, World!")
            .With("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
            .With("X-GitHub-Event", "push");

        WebhookAssert.MissingEvent(Verify(request));
    }

    [Fact]
    public void GitHub_SignedEventWithAction_VerifiesAsEventDotAction() =>
        WebhookAssert.Verified(Verify(Signed(PullRequestOpened, "pull_request")), "pull_request.opened", Delivery);

    [Fact]
    public void GitHub_HeaderNamesInAnyCase_Verify()
    {
        var request = new WebhookRequest(PullRequestOpened)
            .With("x-hub-signature-256", "sha256=" + WebhookRequest.HexHmac(Secret, PullRequestOpened))
            .With("x-github-event", "pull_request");

        WebhookAssert.Verified(Verify(request), "pull_request.opened", null);
    }

    [Fact]
    public void GitHub_Ping_Verifies() =>
        WebhookAssert.Verified(Verify(Signed("""{"zen":"Keep it logically awesome.","hook_id":1}""", "ping")), "ping", Delivery);

    [Fact]
    public void GitHub_EventWithoutAction_UsesTheHeaderEventAlone() =>
        WebhookAssert.Verified(Verify(Signed("""{"ref":"refs/heads/main","commits":[{"id":"a"}]}""", "push")), "push", Delivery);

    [Fact]
    public void GitHub_NestedActionOnly_DoesNotCount() =>
        WebhookAssert.Verified(Verify(Signed("""{"check_run":{"action":"nested"}}""", "check_run")), "check_run", Delivery);

    [Fact]
    public void GitHub_NonStringAction_UsesTheHeaderEventAlone() =>
        WebhookAssert.Verified(Verify(Signed("""{"action":7}""", "custom")), "custom", Delivery);

    [Fact]
    public void GitHub_UppercaseHexSignature_Verifies()
    {
        var request = new WebhookRequest(PullRequestOpened)
            .With("X-Hub-Signature-256", "sha256=" + WebhookRequest.HexHmac(Secret, PullRequestOpened).ToUpperInvariant())
            .With("X-GitHub-Event", "pull_request");

        Assert.True(Verify(request).IsVerified);
    }

    [Fact]
    public void GitHub_WithSecondActiveSecret_Verifies() =>
        WebhookAssert.Verified(Verify(Signed(PullRequestOpened, "pull_request", NextSecret), Secret, NextSecret), "pull_request.opened", Delivery);

    [Fact]
    public void GitHub_WithFirstOfTwoActiveSecrets_Verifies() =>
        Assert.True(Verify(Signed(PullRequestOpened, "pull_request", Secret), Secret, NextSecret).IsVerified);

    [Fact]
    public void GitHub_WrongSecret_IsInvalidSignature() =>
        WebhookAssert.InvalidSignature(Verify(Signed(PullRequestOpened, "pull_request", "not the secret")));

    [Fact]
    public void GitHub_TamperedBody_IsInvalidSignature()
    {
        var signed = Signed(PullRequestOpened, "pull_request");
        var tampered = new WebhookRequest(PullRequestOpened.Replace("opened", "closed", StringComparison.Ordinal))
            .With("X-Hub-Signature-256", signed.Header("X-Hub-Signature-256")!)
            .With("X-GitHub-Event", "pull_request");

        WebhookAssert.InvalidSignature(Verify(tampered));
    }

    [Fact]
    public void GitHub_SignatureDifferingOnlyInTheLastDigit_IsInvalidSignature()
    {
        var hex = WebhookRequest.HexHmac(Secret, PullRequestOpened);
        var request = new WebhookRequest(PullRequestOpened)
            .With("X-Hub-Signature-256", "sha256=" + hex[..^1] + (hex[^1] == '0' ? '1' : '0'))
            .With("X-GitHub-Event", "pull_request");

        WebhookAssert.InvalidSignature(Verify(request));
    }

    [Fact]
    public void GitHub_MissingSignature_IsInvalidSignature() =>
        WebhookAssert.InvalidSignature(Verify(new WebhookRequest(PullRequestOpened).With("X-GitHub-Event", "pull_request")));

    [Fact]
    public void GitHub_OnlyTheLegacySha1Header_IsInvalidSignature()
    {
#pragma warning disable CA5350 // GitHub's legacy SHA-1 header, made only to show it is not accepted.
        var request = new WebhookRequest(PullRequestOpened)
            .With("X-Hub-Signature", "sha1=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA1.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(PullRequestOpened))))
            .With("X-GitHub-Event", "pull_request");
#pragma warning restore CA5350

        WebhookAssert.InvalidSignature(Verify(request));
    }

    [Theory]
    [InlineData("sha256=")]
    [InlineData("sha256")]
    [InlineData("SHA256={0}")]
    [InlineData("sha1={0}")]
    [InlineData("{0}")]
    [InlineData("sha256={0}00")]
    [InlineData("sha256= {0}")]
    [InlineData("sha256={0},sha256={0}")]
    [InlineData("sha256=zz{0}")]
    [InlineData("sha256=ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ")]
    [InlineData("sha256=\u0661\u0662")]
    [InlineData("sha256={1}")]
    public void GitHub_MalformedSignatureHeader_IsInvalidSignature(string format)
    {
        var request = new WebhookRequest(PullRequestOpened)
            .With("X-Hub-Signature-256", Format(format))
            .With("X-GitHub-Event", "pull_request");

        WebhookAssert.InvalidSignature(Verify(request));
    }

    [Fact]
    public void GitHub_MissingEventHeader_IsMissingEvent()
    {
        var request = new WebhookRequest(PullRequestOpened).With("X-Hub-Signature-256", "sha256=" + WebhookRequest.HexHmac(Secret, PullRequestOpened));

        WebhookAssert.MissingEvent(Verify(request));
    }

    [Theory]
    [InlineData("push", """{"action":"opened now"}""")]
    [InlineData("push event", """{}""")]
    [InlineData("9push", """{}""")]
    public void GitHub_EventBreakingTheEventRule_IsInvalidEvent(string eventHeader, string body) =>
        WebhookAssert.InvalidEvent(Verify(Signed(body, eventHeader)));

    [Fact]
    public void GitHub_EventPlusActionOver64Characters_IsInvalidEvent() =>
        WebhookAssert.InvalidEvent(Verify(Signed("{\"action\":\"" + new string('a', 60) + "\"}", "pull_request")));

    [Theory]
    [InlineData("payload=%7B%22action%22%3A%22opened%22%7D")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"action\":\"opened\"} trailing")]
    [InlineData("")]
    public void GitHub_SignedBodyThatIsNotAJsonObject_IsMissingEvent(string body) =>
        WebhookAssert.MissingEvent(Verify(Signed(body, "pull_request")));

    // {0} is the right signature, {1} the same cut short by one byte.
    private static string Format(string format)
    {
        var hex = WebhookRequest.HexHmac(Secret, PullRequestOpened);
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, format, hex, hex[..^2]);
    }

    private static WebhookRequest Signed(string body, string eventName, string secret = Secret) =>
        new WebhookRequest(body)
            .With("X-Hub-Signature-256", "sha256=" + WebhookRequest.HexHmac(secret, body))
            .With("X-GitHub-Event", eventName)
            .With("X-GitHub-Delivery", Delivery);

    private WebhookVerificationResult Verify(WebhookRequest request, params string[] secrets)
    {
        var source = new WebhookSourceOptions { Kind = WebhookSourceKind.GitHub };
        foreach (var secret in secrets.Length == 0 ? [Secret] : secrets)
        {
            source.Secrets.Add(secret);
        }

        return _verifier.Verify(source, request.Header, request.Body);
    }
}
