using System.Net;
using System.Text;
using FanOut.Testing.LocalHost;
using FanOut.Testing.Webhooks;

namespace FanOut.EndToEndTests;

/// <summary>Real senders' signed requests, posted unchanged, delivered once; large payloads through the claim check.</summary>
public class WebhookTests(WebhooksFixture fixture) : IClassFixture<WebhooksFixture>
{
    private const string Hub = "chat";

    [Fact]
    public async Task GitHubPushOver64KiB_SignedByOctokit_IsDeliveredOnceByteForByte_EvenWhenResent()
    {
        var group = LocalHostFixture.UniqueGroup();
        await using var client = await fixture.ConnectAsync(Hub, targets: "push");
        await client.JoinAsync(group);
        var body = WebhookFixtures.Read("github-push-large.json");
        var delivery = Guid.NewGuid().ToString();
        var request = new SignedRequest(body, await SenderSignatures.SignAsync("github", WebhooksFixture.GitHubNextSecret, body))
            .With("X-GitHub-Event", "push").With("X-GitHub-Delivery", delivery);

        using var first = await PostAsync(group, "github", request);
        using var resent = await PostAsync(group, "github", request);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
        Assert.True(resent.Headers.Contains("Idempotent-Replayed"));
        var received = await client.WaitForMessageAsync("push");
        Assert.Equal(JsonDocument.Parse(body).RootElement.GetProperty("head_commit").GetProperty("id").GetString(),
            received.Arg0.GetProperty("data").GetProperty("head_commit").GetProperty("id").GetString());
        var history = await fixture.Http.GetStringAsync(new Uri($"/api/hubs/{Hub}/groups/{group}/messages", UriKind.Relative));
        Assert.Contains("\"data\":" + Encoding.UTF8.GetString(body), history, StringComparison.Ordinal);
        (await fixture.PublishAsync(Hub, group, "push", "marker")).EnsureSuccessStatusCode();
        await client.WaitForMessageAsync("push", m => m.Arg0.GetProperty("offset").GetInt64() == 2);
        Assert.Equal(2, client.Received.Count(m => m.Target == "push"));
    }

    [Fact]
    public async Task StripeAndStandardWebhooks_SignedByTheirLibraries_AreDeliveredUnderTheirEventType()
    {
        var group = LocalHostFixture.UniqueGroup();
        await using var client = await fixture.ConnectAsync(Hub, targets: ["payment_intent.succeeded", "invoice.paid"]);
        await client.JoinAsync(group);
        var stripe = WebhookFixtures.Read("stripe-payment-intent-succeeded.json");
        var standard = WebhookFixtures.Read("standard-invoice-paid.json");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        using var fromStripe = await PostAsync(group, "stripe", new SignedRequest(stripe, await SenderSignatures.SignAsync("stripe", WebhooksFixture.StripeSecret, stripe, now)));
        using var fromStandard = await PostAsync(group, "billing", new SignedRequest(standard, await SenderSignatures.SignAsync("standard", WebhooksFixture.StandardSecret, standard, now, "msg_" + Guid.NewGuid().ToString("N"))));

        Assert.Equal(HttpStatusCode.Accepted, fromStripe.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, fromStandard.StatusCode);
        await client.WaitForMessageAsync("payment_intent.succeeded");
        await client.WaitForMessageAsync("invoice.paid");
    }

    [Fact]
    public async Task StripeRetry_WithUpdatedBookkeepingFields_IsAnsweredAsAReplay_AndStoredOnce()
    {
        var group = LocalHostFixture.UniqueGroup();
        var eventJson = Encoding.UTF8.GetString(WebhookFixtures.Read("stripe-payment-intent-succeeded.json"))
            .Replace("\"id\": \"evt_", $"\"id\": \"evt_{Guid.NewGuid():N}", StringComparison.Ordinal);
        var first = Encoding.UTF8.GetBytes(eventJson);
        var retry = Encoding.UTF8.GetBytes(eventJson.Replace("\"pending_webhooks\": 1", "\"pending_webhooks\": 0", StringComparison.Ordinal));
        Assert.NotEqual(first, retry);

        using var accepted = await PostAsync(group, "stripe", new SignedRequest(first, await SenderSignatures.SignAsync("stripe", WebhooksFixture.StripeSecret, first)));
        using var retried = await PostAsync(group, "stripe", new SignedRequest(retry, await SenderSignatures.SignAsync("stripe", WebhooksFixture.StripeSecret, retry)));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.True(retried.Headers.Contains("Idempotent-Replayed"));
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(id, (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        var history = await fixture.WaitForHistoryAsync(Hub, group, 1);
        Assert.Single(history.GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task BadWebhooks_AreRefused_AndNothingIsStored()
    {
        var group = LocalHostFixture.UniqueGroup();
        var body = WebhookFixtures.Read("stripe-payment-intent-succeeded.json");
        var signed = new SignedRequest(body, await SenderSignatures.SignAsync("stripe", WebhooksFixture.StripeSecret, body));
        var stale = new SignedRequest(body, await SenderSignatures.SignAsync("stripe", WebhooksFixture.StripeSecret, body, DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds()));

        using var tampered = await PostAsync(group, "stripe", signed.Tampered(body.Length - 3, (byte)' '));
        using var unsigned = await PostAsync(group, "stripe", new SignedRequest(body, []));
        using var expired = await PostAsync(group, "stripe", stale);
        using var unknownSource = await PostAsync(group, "gitlab", signed);
        using var unknownHub = await fixture.AnonymousHttp.PostAsync(new Uri($"/api/hubs/nohub/groups/{group}/webhooks/stripe", UriKind.Relative), new ByteArrayContent(body));

        await AssertProblemAsync(tampered, HttpStatusCode.Unauthorized, "invalid_signature");
        await AssertProblemAsync(unsigned, HttpStatusCode.Unauthorized, "invalid_signature");
        await AssertProblemAsync(expired, HttpStatusCode.BadRequest, "signature_expired");
        await AssertProblemAsync(unknownSource, HttpStatusCode.NotFound, "unknown_webhook");
        await AssertProblemAsync(unknownHub, HttpStatusCode.NotFound, "unknown_hub");
        Assert.Empty((await fixture.HistoryAsync(Hub, group)).GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task PublishOfNearlyAMegabyte_TravelsByClaimCheck_AndOverTheLimitIs413()
    {
        var group = LocalHostFixture.UniqueGroup();
        await using var client = await fixture.ConnectAsync(Hub, targets: "big");
        await client.JoinAsync(group);
        var data = "{\"blob\":\"" + string.Concat(Enumerable.Repeat("ü-🎉-", 115_000)) + "\"}";
        var body = Encoding.UTF8.GetBytes("{\"event\":\"big\",\"data\":" + data + "}");
        Assert.InRange(body.Length, 900_000, 1_000_000);

        using var accepted = await fixture.PublishRawAsync(Hub, group, body);
        using var tooLarge = await fixture.PublishRawAsync(Hub, group, Encoding.UTF8.GetBytes("{\"event\":\"big\",\"data\":\"" + new string('x', 1_000_001) + "\"}"));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await AssertProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        var received = await client.WaitForMessageAsync("big");
        Assert.Equal(data.Length - 11, received.Arg0.GetProperty("data").GetProperty("blob").GetString()!.Length);
        var history = await fixture.Http.GetStringAsync(new Uri($"/api/hubs/{Hub}/groups/{group}/messages", UriKind.Relative));
        Assert.Contains("\"data\":" + data, history, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostAsync(string group, string source, SignedRequest request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/hubs/{Hub}/groups/{group}/webhooks/{source}", UriKind.Relative))
        {
            Content = new ByteArrayContent(request.Body),
        };
        message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return await fixture.AnonymousHttp.SendAsync(message);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.True(status == response.StatusCode, $"{code}: expected {status}, got {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
