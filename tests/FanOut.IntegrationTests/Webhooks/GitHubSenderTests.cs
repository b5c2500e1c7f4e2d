using FanOut.Core.Validation;
using FanOut.Core.Webhooks;
using FanOut.Testing.Webhooks;

namespace FanOut.IntegrationTests.Webhooks;

/// <summary>Bodies signed by GitHub's own <c>@octokit/webhooks-methods</c>, verified by <see cref="WebhookVerifier"/>.</summary>
public class GitHubSenderTests
{
    private const string Secret = "It's a Secret to Everybody";
    private const string NextSecret = "rotated: ünïcødé secret";
    private const string Delivery = "9f3c6f1e-cb55-11ef-8f4a-1d2e3f4a5b6c";

    [Fact]
    public async Task GitHub_LargePushSignedByOctokit_VerifiesAsPush()
    {
        var body = WebhookFixtures.Read("github-push-large.json");
        Assert.True(body.Length > 64 * 1024, $"the push fixture is {body.Length} bytes");

        var result = Verify(await SignAsync(body, "push"), Secret);

        Assert.True(result.IsVerified, result.Rejected?.Detail);
        Assert.Equal(("push", Delivery), (result.EventName, result.DeliveryId));
    }

    [Fact]
    public async Task GitHub_LargePushChangedPast64KiB_IsInvalidSignature()
    {
        var request = await SignAsync(WebhookFixtures.Read("github-push-large.json"), "push");
        var index = request.Body.AsSpan().LastIndexOf("Co-authored-by"u8);
        Assert.True(index > 64 * 1024);

        var result = Verify(request.Tampered(index, (byte)'c'), Secret);

        Assert.Equal(RejectionCodes.InvalidSignature, result.Rejected?.Code);
    }

    [Fact]
    public async Task GitHub_PullRequestOpenedSignedByOctokit_VerifiesAsEventDotAction()
    {
        var body = """{"action":"opened","number":7,"pull_request":{"title":"Webhooks","state":"open"}}"""u8.ToArray();

        var result = Verify(await SignAsync(body, "pull_request"), Secret);

        Assert.Equal("pull_request.opened", result.EventName);
    }

    [Fact]
    public async Task GitHub_PingSignedByOctokit_Verifies()
    {
        var body = """{"zen":"Design for failure.","hook_id":123456,"hook":{"type":"Repository","events":["push","pull_request"]}}"""u8.ToArray();

        var result = Verify(await SignAsync(body, "ping"), Secret);

        Assert.Equal("ping", result.EventName);
    }

    [Fact]
    public async Task GitHub_SignedByOctokitWithTheNextSecret_VerifiesWhileBothAreActive()
    {
        var request = await SignAsync(WebhookFixtures.Read("github-push-large.json"), "push", NextSecret);

        Assert.True(Verify(request, Secret, NextSecret).IsVerified);
        Assert.Equal(RejectionCodes.InvalidSignature, Verify(request, Secret).Rejected?.Code);
    }

    private static async Task<SignedRequest> SignAsync(byte[] body, string eventName, string secret = Secret) =>
        new SignedRequest(body, await SenderSignatures.SignAsync("github", secret, body))
            .With("X-GitHub-Event", eventName)
            .With("X-GitHub-Delivery", Delivery);

    private static WebhookVerificationResult Verify(SignedRequest request, params string[] secrets)
    {
        var source = new WebhookSourceOptions { Kind = WebhookSourceKind.GitHub };
        foreach (var secret in secrets)
        {
            source.Secrets.Add(secret);
        }

        return new WebhookVerifier(TimeProvider.System).Verify(source, request.Header, request.Body);
    }
}
