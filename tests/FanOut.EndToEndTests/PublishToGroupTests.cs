using System.Net;
using FanOut.Testing.LocalHost;

namespace FanOut.EndToEndTests;

/// <summary>Publish over HTTP, delivered through the queue and history to real @microsoft/signalr clients.</summary>
public class PublishToGroupTests(LocalHostFixture fixture) : IClassFixture<LocalHostFixture>
{
    private const string Hub = "chat";

    [Fact]
    public async Task Publish_ToAGroup_ReachesItsMemberWithOffsetsOneTwoThree_AndNobodyElse()
    {
        var group = LocalHostFixture.UniqueGroup();
        await using var member = await fixture.ConnectAsync(Hub, "alice", "message");
        await using var outsider = await fixture.ConnectAsync(Hub, "bob", "message");
        await member.JoinAsync(group);

        var ids = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            using var response = await fixture.PublishAsync(Hub, group, "message", new { text = $"hello {i}" });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        var received = new List<JsonElement>();
        foreach (var id in ids)
        {
            received.Add((await member.WaitForMessageAsync("message", m => m.Arg0.GetProperty("id").GetString() == id)).Arg0);
        }

        Assert.Equal([1L, 2L, 3L], received.Select(e => e.GetProperty("offset").GetInt64()).Order());
        Assert.All(received, e => Assert.Equal(group, e.GetProperty("group").GetString()));
        Assert.Equal("hello 1", received[0].GetProperty("data").GetProperty("text").GetString());
        await outsider.AssertNoMessageAsync("message", TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task History_ReturnsWhatWasDelivered_InOffsetOrder()
    {
        var group = LocalHostFixture.UniqueGroup();
        await using var member = await fixture.ConnectAsync(Hub, targets: "note");
        await member.JoinAsync(group);
        for (var i = 1; i <= 3; i++)
        {
            (await fixture.PublishAsync(Hub, group, "note", i)).EnsureSuccessStatusCode();
        }

        var delivered = new List<JsonElement>();
        for (var i = 1; i <= 3; i++)
        {
            delivered.Add((await member.WaitForMessageAsync("note", m => m.Arg0.GetProperty("offset").GetInt64() == i)).Arg0);
        }

        var history = await fixture.HistoryAsync(Hub, group);
        var messages = history.GetProperty("messages").EnumerateArray().ToList();

        Assert.Equal(delivered.Select(e => e.GetProperty("id").GetString()), messages.Select(e => e.GetProperty("id").GetString()));
        Assert.Equal([1L, 2L, 3L], messages.Select(e => e.GetProperty("offset").GetInt64()));
        Assert.Equal(delivered[0].GetProperty("epoch").GetString(), history.GetProperty("epoch").GetString());
        Assert.Equal(JsonValueKind.Null, history.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task History_PagesWithAfterAndLimit()
    {
        var group = LocalHostFixture.UniqueGroup();
        for (var i = 1; i <= 5; i++)
        {
            (await fixture.PublishAsync(Hub, group, "note", i)).EnsureSuccessStatusCode();
        }

        await fixture.WaitForHistoryAsync(Hub, group, 5);
        var first = await fixture.HistoryAsync(Hub, group, after: 0, limit: 2);
        var second = await fixture.HistoryAsync(Hub, group, after: first.GetProperty("next").GetInt64(), limit: 2);
        var third = await fixture.HistoryAsync(Hub, group, after: second.GetProperty("next").GetInt64(), limit: 2);

        Assert.Equal([1L, 2L], Offsets(first));
        Assert.Equal([3L, 4L], Offsets(second));
        Assert.Equal([5L], Offsets(third));
        Assert.Equal(JsonValueKind.Null, third.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task Leave_StopsDeliveryToThatConnection()
    {
        var group = LocalHostFixture.UniqueGroup();
        await using var client = await fixture.ConnectAsync(Hub, targets: "message");
        await client.JoinAsync(group);
        await client.LeaveAsync(group);

        (await fixture.PublishAsync(Hub, group, "message", "after leaving")).EnsureSuccessStatusCode();

        await fixture.WaitForHistoryAsync(Hub, group, 1);
        await client.AssertNoMessageAsync("message", TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task ConcurrentPublishes_ToOneGroup_AreNumberedOneToNWithoutGaps_AndAllDelivered()
    {
        const int count = 30;
        var group = LocalHostFixture.UniqueGroup();
        await using var member = await fixture.ConnectAsync(Hub, targets: "burst");
        await member.JoinAsync(group);

        var responses = await Task.WhenAll(Enumerable.Range(1, count).Select(i => fixture.PublishAsync(Hub, group, "burst", i)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));

        await fixture.WaitForHistoryAsync(Hub, group, count);
        var history = await fixture.HistoryAsync(Hub, group);
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), Offsets(history));

        for (var i = 1; i <= count; i++)
        {
            await member.WaitForMessageAsync("burst", m => m.Arg0.GetProperty("offset").GetInt64() == i);
        }
    }

    [Fact]
    public async Task Groups_OfTheSameNameInDifferentHubs_AreSeparate()
    {
        var group = LocalHostFixture.UniqueGroup();
        await using var inChat = await fixture.ConnectAsync("chat", targets: "message");
        await using var inNews = await fixture.ConnectAsync("news", targets: "message");
        await inChat.JoinAsync(group);
        await inNews.JoinAsync(group);

        (await fixture.PublishAsync("news", group, "message", "headline")).EnsureSuccessStatusCode();

        var received = await inNews.WaitForMessageAsync("message");
        Assert.Equal("news", received.Arg0.GetProperty("hub").GetString());
        await inChat.AssertNoMessageAsync("message", TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task HubNames_AreCaseInsensitive_AsInAzureSignalR_ForDeliveryAndHistory()
    {
        var group = LocalHostFixture.UniqueGroup();
        await using var client = await fixture.ConnectAsync("chat", targets: "message");
        await client.JoinAsync(group);

        (await fixture.PublishAsync("Chat", group, "message", "one")).EnsureSuccessStatusCode();
        (await fixture.PublishAsync("chat", group, "message", "two")).EnsureSuccessStatusCode();

        await client.WaitForMessageAsync("message", m => m.Arg0.GetProperty("offset").GetInt64() == 2);
        var history = await fixture.HistoryAsync("cHaT", group);
        Assert.Equal([1L, 2L], Offsets(history));
        Assert.All(history.GetProperty("messages").EnumerateArray(), e => Assert.Equal("chat", e.GetProperty("hub").GetString()));
    }

    private static IEnumerable<long> Offsets(JsonElement page) =>
        page.GetProperty("messages").EnumerateArray().Select(e => e.GetProperty("offset").GetInt64());

    [Fact]
    public async Task Data_IsStoredAndReturnedByteForByte_AndClientsGetTheSameValue()
    {
        var group = LocalHostFixture.UniqueGroup();
        await using var member = await fixture.ConnectAsync(Hub, targets: "note");
        await member.JoinAsync(group);
        const string data = "{ \"s\" : \"café 😀 <&>\", \"n\" : 1.50, \"e\" : [ ] }";

        using var response = await fixture.PublishRawAsync(Hub, group, System.Text.Encoding.UTF8.GetBytes("{\"event\":\"note\",\"data\":" + data + "}"));
        response.EnsureSuccessStatusCode();
        var received = (await member.WaitForMessageAsync("note")).Arg0.GetProperty("data");
        await fixture.WaitForHistoryAsync(Hub, group, 1);
        var raw = await fixture.Http.GetStringAsync(new Uri($"/api/hubs/{Hub}/groups/{group}/messages", UriKind.Relative));

        Assert.Contains("\"data\":" + data, raw, StringComparison.Ordinal);
        Assert.Equal("café 😀 <&>", received.GetProperty("s").GetString());
        Assert.Equal(1.50m, received.GetProperty("n").GetDecimal());
    }
}
