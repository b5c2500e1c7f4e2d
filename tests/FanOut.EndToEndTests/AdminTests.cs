using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FanOut.Core;
using FanOut.Core.Messages;
using FanOut.Testing.LocalHost;

namespace FanOut.EndToEndTests;

/// <summary>
/// The admin API on the local host: only the admin key gets in; stats reflect what went through the
/// pipeline; a poison message can be looked at and replayed into history. This class has its own host
/// (its poison queue is its own).
/// </summary>
public class AdminTests(LocalHostFixture fixture) : IClassFixture<LocalHostFixture>
{
    private const string Hub = "chat";

    [Theory]
    [InlineData("GET", "/api/manage/stats", null)]
    [InlineData("GET", "/api/manage/poison", null)]
    [InlineData("POST", "/api/manage/poison/abc/replay", null)]
    [InlineData("GET", "/api/manage/stats", "not-the-admin-key")]
    [InlineData("GET", "/api/manage/stats", "eyJhbGciOiJIUzI1NiJ9.e30.c2ln")]
    public async Task AdminRoute_WithoutTheAdminKey_Is401(string method, string path, string? key)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await fixture.AnonymousHttp.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Stats_ShowWhatWentThroughThePipeline()
    {
        var group = LocalHostFixture.UniqueGroup("stats");
        for (var n = 0; n < 3; n++)
        {
            using var published = await fixture.PublishAsync(Hub, group, "message", new { n });
            Assert.Equal(HttpStatusCode.Accepted, published.StatusCode);
        }

        var history = await fixture.WaitForHistoryAsync(Hub, group, 3);

        var stats = await fixture.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/manage/stats", UriKind.Relative));
        var counters = stats.GetProperty("counters");
        Assert.True(counters.GetProperty("published").GetProperty("inWindow").GetInt64() >= 3);
        Assert.True(counters.GetProperty("delivered").GetProperty("total").GetInt64() >= 3);
        Assert.Equal(60, counters.GetProperty("delivered").GetProperty("series").GetArrayLength());
        Assert.True(stats.GetProperty("lagMs").GetProperty("count").GetInt64() >= 3);
        Assert.Equal(JsonValueKind.Number, stats.GetProperty("queue").GetProperty("depth").ValueKind);
        var chat = stats.GetProperty("hubs").EnumerateArray().Single(h => h.GetProperty("name").GetString() == Hub);
        Assert.True(chat.GetProperty("configured").GetBoolean());
        var activity = chat.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("name").GetString() == group);
        Assert.Equal(3, activity.GetProperty("messages").GetInt64());
        Assert.Equal(3, activity.GetProperty("lastOffset").GetInt64());
        var ids = stats.GetProperty("recent").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Contains(history.GetProperty("messages")[2].GetProperty("id").GetString(), ids);
        Assert.Contains(stats.GetProperty("hubs").EnumerateArray(), h => h.GetProperty("name").GetString() == "news");
    }

    [Fact]
    public async Task PoisonMessage_IsListed_AndReplayStoresIt_ThenItIsGone()
    {
        var group = LocalHostFixture.UniqueGroup("poison");
        var message = new QueuedMessage(Guid.NewGuid().ToString("N"), Hub, group, "message", RawJson.FromTrustedUtf8("""{"text":"second chance"}"""u8.ToArray()), DateTimeOffset.UtcNow);
        var poison = fixture.Queues.GetQueueClient(FanOutNames.PoisonQueue);
        await poison.SendMessageAsync(Convert.ToBase64String(MessageJson.SerializeToUtf8Bytes(message)));
        await poison.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes("not a message")));

        var listed = await fixture.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/manage/poison", UriKind.Relative));
        Assert.Equal(2, listed.GetProperty("count").GetInt32());
        var entry = listed.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("messageId").GetString() == message.Id);
        Assert.Equal(group, entry.GetProperty("group").GetString());
        Assert.Contains("second chance", entry.GetProperty("preview").GetString(), StringComparison.Ordinal);

        using var replay = await fixture.Http.PostAsync(new Uri($"/api/manage/poison/{message.Id}/replay", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);

        var stored = await fixture.WaitForHistoryAsync(Hub, group, 1);
        Assert.Equal(message.Id, stored.GetProperty("messages")[0].GetProperty("id").GetString());
        var after = await fixture.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/manage/poison", UriKind.Relative));
        var left = Assert.Single(after.GetProperty("messages").EnumerateArray());
        Assert.Null(left.GetProperty("messageId").GetString());
        Assert.Equal("not a message", left.GetProperty("preview").GetString());
        using var again = await fixture.Http.PostAsync(new Uri($"/api/manage/poison/{message.Id}/replay", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }
}
