using System.Net;
using System.Text;
using FanOut.Testing.LocalHost;

namespace FanOut.EndToEndTests;

/// <summary>Socket.IO's targets: several rooms at once, the whole namespace, one user, everyone but the sender.</summary>
public class TargetsTests(LocalHostFixture fixture) : IClassFixture<LocalHostFixture>
{
    private const string Hub = "chat";

    [Fact]
    public async Task SeveralGroups_StoreTheMessageInEachWithItsOwnOffset_UnderOneId()
    {
        var (a, b) = (LocalHostFixture.UniqueGroup("a"), LocalHostFixture.UniqueGroup("b"));
        await using var inBoth = await fixture.ConnectAsync(Hub, targets: "news");
        await using var inB = await fixture.ConnectAsync(Hub, targets: "news");
        await inBoth.JoinAsync(a);
        await inBoth.JoinAsync(b);
        await inB.JoinAsync(b);
        (await fixture.PublishAsync(Hub, b, "news", "earlier in b")).EnsureSuccessStatusCode();
        await inB.WaitForMessageAsync("news");

        using var response = await PublishToHubAsync($$"""{"event":"news","data":"both","groups":["{{a}}","{{b}}"]}""");
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetString();

        var first = await inBoth.WaitForMessageAsync("news", m => m.Arg0.GetProperty("id").GetString() == id);
        var second = await inBoth.WaitForMessageAsync("news", m => m.Arg0.GetProperty("id").GetString() == id && m.Arg0.GetProperty("group").GetString() != first.Arg0.GetProperty("group").GetString());
        var onlyB = await inB.WaitForMessageAsync("news", m => m.Arg0.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal([a, b], accepted.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(new Dictionary<string, long> { [a] = 1, [b] = 2 }, new[] { first, second }.ToDictionary(m => m.Arg0.GetProperty("group").GetString()!, m => m.Arg0.GetProperty("offset").GetInt64()));
        Assert.Equal(2, onlyB.Arg0.GetProperty("offset").GetInt64());
        Assert.Equal(id, (await fixture.WaitForHistoryAsync(Hub, a, 1)).GetProperty("messages")[0].GetProperty("id").GetString());
        Assert.Equal(id, (await fixture.WaitForHistoryAsync(Hub, b, 2)).GetProperty("messages")[1].GetProperty("id").GetString());
    }

    [Fact]
    public async Task WholeHub_ReachesEveryConnectionOfTheHub_AndHasItsOwnHistory()
    {
        await using var one = await fixture.ConnectAsync(Hub, targets: "announcement");
        await using var two = await fixture.ConnectAsync(Hub, targets: "announcement");
        await using var elsewhere = await fixture.ConnectAsync("news", targets: "announcement");
        var text = "all of chat " + Guid.NewGuid();

        using var response = await PublishToHubAsync($$"""{"event":"announcement","data":"{{text}}"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var received = await one.WaitForMessageAsync("announcement", m => m.Arg0.GetProperty("data").GetString() == text);
        await two.WaitForMessageAsync("announcement", m => m.Arg0.GetProperty("data").GetString() == text);
        await elsewhere.AssertNoMessageAsync("announcement", TimeSpan.FromMilliseconds(500));
        Assert.Equal("~hub", received.Arg0.GetProperty("group").GetString());
        var page = await one.InvokeAsync("history", new { group = "~hub", after = received.Arg0.GetProperty("offset").GetInt64() - 1 });
        Assert.Equal(text, page.GetProperty("messages")[0].GetProperty("data").GetString());
    }

    [Fact]
    public async Task OneUser_ReachesAllItsConnections_AndNobodyElse_AndOnlyItReadsIt()
    {
        var user = "u" + Guid.NewGuid().ToString("N")[..8];
        await using var phone = await fixture.ConnectAsync(Hub, user, "dm");
        await using var laptop = await fixture.ConnectAsync(Hub, user, "dm");
        await using var other = await fixture.ConnectAsync(Hub, "someone-else", "dm");

        using var response = await PublishToHubAsync($$"""{"event":"dm","data":"just you","user":"{{user}}"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await phone.WaitForMessageAsync("dm");
        await laptop.WaitForMessageAsync("dm");
        await other.AssertNoMessageAsync("dm", TimeSpan.FromMilliseconds(500));
        var own = await phone.InvokeAsync("history", new { group = "~user-" + user });
        Assert.Equal("just you", own.GetProperty("messages")[0].GetProperty("data").GetString());
        await Assert.ThrowsAsync<FanOut.Testing.SignalR.NodeSignalRInvocationException>(() => other.InvokeAsync("history", new { group = "~user-" + user }));
    }

    [Fact]
    public async Task EveryoneButTheSender_OverTheSocketAndOverHttp()
    {
        var group = LocalHostFixture.UniqueGroup();
        await using var sender = await fixture.ConnectAsync(Hub, targets: "said");
        await using var listener = await fixture.ConnectAsync(Hub, targets: "said");
        await sender.JoinAsync(group);
        await listener.JoinAsync(group);

        await sender.InvokeAsync("publish", new { group, @event = "said", data = "from the socket", exceptSelf = true });
        using var overHttp = await fixture.PublishRawAsync(Hub, group, Encoding.UTF8.GetBytes(
            $$"""{"event":"said","data":"from a backend","except":["{{sender.ConnectionId}}"]}"""));
        (await fixture.PublishAsync(Hub, group, "said", "to all")).EnsureSuccessStatusCode();

        await listener.WaitForMessageAsync("said", m => m.Arg0.GetProperty("data").GetString() == "to all");
        await sender.WaitForMessageAsync("said", m => m.Arg0.GetProperty("data").GetString() == "to all");
        Assert.Equal(3, listener.Received.Count(m => m.Target == "said"));
        Assert.Single(sender.Received, m => m.Target == "said");
        var history = await fixture.WaitForHistoryAsync(Hub, group, 3);
        Assert.Equal([sender.ConnectionId], history.GetProperty("messages")[0].GetProperty("except").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("""{"event":"e","groups":[]}""", "invalid_group")]
    [InlineData("""{"event":"e","groups":["a","a"]}""", "invalid_group")]
    [InlineData("""{"event":"e","groups":["ok",".bad"]}""", "invalid_group")]
    [InlineData("""{"event":"e","groups":["a"],"user":"u"}""", "malformed_json")]
    [InlineData("""{"event":"e","groups":"a"}""", "malformed_json")]
    [InlineData("""{"event":"e","except":["bad id"]}""", "invalid_connection_id")]
    public async Task BadTargets_AreRefused(string body, string code)
    {
        using var response = await PublishToHubAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    private Task<HttpResponseMessage> PublishToHubAsync(string json) =>
        fixture.Http.PostAsync(new Uri($"/api/hubs/{Hub}/messages", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
}
