using System.Net;
using System.Text;
using FanOut.Core;
using FanOut.Testing.Http;
using FanOut.Testing.LocalHost;

namespace FanOut.EndToEndTests;

/// <summary>Bad input gets a problem with a stable code, and nothing is enqueued or stored.</summary>
public class BadInputTests(LocalHostFixture fixture) : IClassFixture<LocalHostFixture>
{
    private const string Hub = "chat";
    private const int TooLarge = FanOutOptions.MaxMessageBytes + 1;

    public static TheoryData<string, string, string, string, HttpStatusCode, string> RejectedPublishes() => new()
    {
        { "invalid hub", "1chat", "application/json", """{"event":"message"}""", HttpStatusCode.BadRequest, "invalid_hub" },
        { "invalid event", Hub, "application/json", """{"event":"bad event"}""", HttpStatusCode.BadRequest, "invalid_event" },
        { "missing event", Hub, "application/json", """{"data":1}""", HttpStatusCode.BadRequest, "missing_event" },
        { "event not a string", Hub, "application/json", """{"event":42}""", HttpStatusCode.BadRequest, "missing_event" },
        { "malformed JSON", Hub, "application/json", """{"event":""", HttpStatusCode.BadRequest, "malformed_json" },
        { "trailing garbage", Hub, "application/json", """{"event":"message"} x""", HttpStatusCode.BadRequest, "malformed_json" },
        { "not an object", Hub, "application/json", """["message"]""", HttpStatusCode.BadRequest, "malformed_json" },
        { "empty body", Hub, "application/json", "", HttpStatusCode.BadRequest, "malformed_json" },
        { "wrong content type", Hub, "text/plain", """{"event":"message"}""", HttpStatusCode.UnsupportedMediaType, "unsupported_media_type" },
        { "too large", Hub, "application/json", $$"""{"event":"message","data":"{{new string('x', TooLarge)}}"}""", HttpStatusCode.RequestEntityTooLarge, "payload_too_large" },
    };

    [Theory]
    [MemberData(nameof(RejectedPublishes))]
    public async Task RejectedPublish_GetsProblemDetailsWithCode_AndStoresNothing(
        string because, string hub, string contentType, string body, HttpStatusCode status, string code)
    {
        var group = LocalHostFixture.UniqueGroup();
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new(contentType);

        using var response = await fixture.Http.PostAsync(new Uri($"/api/hubs/{hub}/groups/{group}/messages", UriKind.Relative), content);

        await AssertProblemAsync(response, status, code, because);
        await AssertNothingStoredAsync(group);
    }

    public static TheoryData<string, byte[], string, HttpStatusCode, string> UndeliverableBodies() => new()
    {
        { "invalid UTF-8", [.. "{\"event\":\"e\",\"data\":\""u8, 0xC3, 0x28, .. "\"}"u8], "application/json", HttpStatusCode.BadRequest, "invalid_encoding" },
        { "latin1 bytes", Encoding.Latin1.GetBytes("{\"event\":\"e\",\"data\":\"café\"}"), "application/json", HttpStatusCode.BadRequest, "invalid_encoding" },
        { "latin1 charset", Encoding.Latin1.GetBytes("{\"event\":\"e\",\"data\":\"café\"}"), "application/json; charset=latin1", HttpStatusCode.UnsupportedMediaType, "unsupported_media_type" },
        { "lone surrogate", Encoding.UTF8.GetBytes("{\"event\":\"e\",\"data\":\"\\ud800\"}"), "application/json", HttpStatusCode.BadRequest, "invalid_encoding" },
        { "62 levels deep", Encoding.UTF8.GetBytes("{\"event\":\"e\",\"data\":" + new string('[', 61) + new string(']', 61) + "}"), "application/json", HttpStatusCode.BadRequest, "too_deep" },
    };

    [Theory]
    [MemberData(nameof(UndeliverableBodies))]
    public async Task BodyThatCouldNotBeDelivered_IsRefusedAtPublish_AndStoresNothing(
        string because, byte[] body, string contentType, HttpStatusCode status, string code)
    {
        var group = LocalHostFixture.UniqueGroup();

        using var response = await fixture.PublishRawAsync(Hub, group, body, contentType);

        await AssertProblemAsync(response, status, code, because);
        await AssertNothingStoredAsync(group);
    }

    [Fact]
    public async Task BodyWithBrokenChunkFraming_GetsUnreadableBody_AndStoresNothing()
    {
        var group = LocalHostFixture.UniqueGroup();
        var head = $"POST /api/hubs/{Hub}/groups/{group}/messages HTTP/1.1\nHost: localhost\nAuthorization: Bearer {LocalHostFixture.DevPublisherKey}\nContent-Type: application/json\nTransfer-Encoding: chunked\n";

        var (status, answer) = await RawHttp.SendAsync(fixture.Host.BaseUrl, head, [(TimeSpan.Zero, "5\r\n{\"eve\r\nZZ\r\n"u8.ToArray())]);

        Assert.True(status == 400, answer);
        Assert.Contains("unreadable_body", answer, StringComparison.Ordinal);
        await AssertNothingStoredAsync(group);
    }

    [Fact]
    public async Task BodyThatTricklesIn_GetsRequestTimeout_AndStoresNothing()
    {
        var group = LocalHostFixture.UniqueGroup();
        var head = $"POST /api/hubs/{Hub}/groups/{group}/messages HTTP/1.1\nHost: localhost\nAuthorization: Bearer {LocalHostFixture.DevPublisherKey}\nContent-Type: application/json\nContent-Length: 4000\n";
        var trickle = Enumerable.Range(0, 40).Select(_ => (TimeSpan.FromMilliseconds(500), "          "u8.ToArray()));

        var (status, answer) = await RawHttp.SendAsync(fixture.Host.BaseUrl, head, trickle);

        Assert.True(status == 408, answer);
        Assert.Contains("request_timeout", answer, StringComparison.Ordinal);
        await AssertNothingStoredAsync(group);
    }

    [Fact]
    public async Task TooLargeChunkedBody_IsCutOffWith413_AndStoresNothing()
    {
        var group = LocalHostFixture.UniqueGroup();
        var bytes = Encoding.UTF8.GetBytes($$"""{"event":"message","data":"{{new string('x', 4 * TooLarge)}}"}""");
        using var content = new StreamContent(new NonSeekableStream(bytes));
        content.Headers.ContentType = new("application/json");

        using var response = await fixture.Http.PostAsync(new Uri($"/api/hubs/{Hub}/groups/{group}/messages", UriKind.Relative), content);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large", "chunked");
        await AssertNothingStoredAsync(group);
    }

    [Theory]
    [InlineData("GET", "/api/hubs/chat/groups/.bad/messages", HttpStatusCode.BadRequest, "invalid_group")]
    [InlineData("GET", "/api/hubs/chat/groups/general/messages?limit=0", HttpStatusCode.BadRequest, "invalid_query")]
    [InlineData("GET", "/api/hubs/chat/groups/general/messages?after=-1", HttpStatusCode.BadRequest, "invalid_query")]
    [InlineData("GET", "/api/hubs/chat/groups/general/messages?after=abc", HttpStatusCode.BadRequest, "invalid_query")]
    [InlineData("POST", "/api/hubs/1chat/negotiate", HttpStatusCode.BadRequest, "invalid_hub")]
    [InlineData("POST", "/api/hubs/chat/negotiate?userId=a%20b", HttpStatusCode.BadRequest, "invalid_user_id")]
    [InlineData("PUT", "/api/hubs/chat/groups/general/connections/no-such-connection", HttpStatusCode.NotFound, "unknown_connection")]
    [InlineData("PUT", "/api/hubs/chat/groups/general/connections/bad%20id", HttpStatusCode.BadRequest, "invalid_connection_id")]
    [InlineData("GET", "/api/nowhere", HttpStatusCode.NotFound, "not_found")]
    [InlineData("GET", "/nowhere", HttpStatusCode.NotFound, "not_found")]
    public async Task OtherBadRequests_GetProblemDetailsWithCode(string method, string path, HttpStatusCode status, string code)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));

        using var response = await fixture.Http.SendAsync(request);

        await AssertProblemAsync(response, status, code, path);
    }

    [Fact]
    public async Task Health_ReportsQueueTableAndSignalRHealthy()
    {
        var health = await fixture.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/health", UriKind.Relative));

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        foreach (var dependency in new[] { "queue", "table", "signalr" })
        {
            Assert.Equal("healthy", health.GetProperty("checks").GetProperty(dependency).GetProperty("status").GetString());
        }
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string because)
    {
        Assert.True(status == response.StatusCode, $"{because}: expected {status}, got {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
    }

    /// <summary>
    /// A valid message published after the rejected one is the group's first and only one, and
    /// neither queue holds anything: the rejected request never reached the queue.
    /// </summary>
    private async Task AssertNothingStoredAsync(string group)
    {
        using var valid = await fixture.PublishAsync(Hub, group, "message", "valid");
        var id = (await valid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var history = await fixture.WaitForHistoryAsync(Hub, group, 1);

        var only = Assert.Single(history.GetProperty("messages").EnumerateArray());
        Assert.Equal(id, only.GetProperty("id").GetString());
        Assert.Equal(1, only.GetProperty("offset").GetInt64());
        Assert.Equal(0, (await fixture.Queues.GetQueueClient(FanOutNames.PoisonQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    /// <summary>A body of unknown length, so the client sends it chunked.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
