using Azure;
using FanOut.Core.Messages;
using FanOut.SignalR.Delivery;
using FanOut.SignalR.Upstream;
using FanOut.Testing.SignalR;
using Microsoft.Extensions.Logging.Abstractions;

namespace FanOut.IntegrationTests.SignalR;

/// <summary>The stand-in driven like Azure SignalR Service: the real JS client connects, the app's REST client sends.</summary>
public class SignalRStandInTests(StandInHostFixture host) : IClassFixture<StandInHostFixture>
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(700);

    [Fact]
    public async Task Client_WithNegotiatedToken_Connects()
    {
        await using var client = await ConnectAsync(StandInHostFixture.NewHub(), "alice");

        Assert.False(string.IsNullOrEmpty(client.ConnectionId));
    }

    [Fact]
    public async Task GroupSend_ReachesMembersOnly()
    {
        var hub = StandInHostFixture.NewHub();
        await using var member = await ConnectAsync(hub, "m", "message");
        await using var outsider = await ConnectAsync(hub, "o", "message");
        await host.Rest.AddConnectionToGroupAsync(hub, "room", member.ConnectionId);

        await host.Rest.SendToGroupAsync(hub, "room", "message", [new { text = "hi" }, 42]);

        var received = await member.WaitForMessageAsync("message");
        Assert.Equal("hi", received.Arg0.GetProperty("text").GetString());
        Assert.Equal(42, received.Args[1].GetInt32());
        await outsider.AssertNoMessageAsync("message", Quiet);
    }

    [Theory]
    [InlineData("WebSockets")]
    [InlineData("ServerSentEvents")] // sends the token as ?access_token=, as browsers do
    [InlineData("LongPolling")]
    public async Task GroupSend_ReachesMember_OverEveryTransport(string transport)
    {
        var hub = StandInHostFixture.NewHub();
        var info = await host.Negotiator.NegotiateAsync(hub, "u1", TimeSpan.FromMinutes(5), CancellationToken.None);
        await using var client = await NodeSignalRClient.StartAsync(NodeSignalRClientOptions.ForHub(info.Url, info.AccessToken, "message") with { Transport = transport });
        await host.Rest.AddConnectionToGroupAsync(hub, "room", client.ConnectionId);

        await host.Rest.SendToGroupAsync(hub, "room", "message", [transport]);

        Assert.Equal(transport, (await client.WaitForMessageAsync("message")).Arg0.GetString());
    }

    // Compared as text after the JS client's JSON.parse + stringify, so the data uses canonical number forms.
    [Fact]
    public async Task Broadcaster_DeliversEnvelopeWithDataUnchanged()
    {
        var hub = StandInHostFixture.NewHub();
        await using var client = await ConnectAsync(hub, null, "chat.posted");
        await host.Rest.AddConnectionToGroupAsync(hub, "room", client.ConnectionId);
        var data = RawJson.FromTrustedUtf8("{\"text\":\"héllo 😀\",\"n\":[1,2.5,null]}"u8.ToArray());
        var envelope = new Envelope("m1", hub, "room", 3, "e1", "chat.posted", data, DateTimeOffset.UnixEpoch);

        await new SignalRBroadcaster(host.Rest, NullLogger<SignalRBroadcaster>.Instance).BroadcastAsync(envelope, CancellationToken.None);

        var received = (await client.WaitForMessageAsync("chat.posted")).Arg0;
        Assert.Equal(3, received.GetProperty("offset").GetInt64());
        Assert.Equal(data.ToString(), received.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task RemoveFromGroup_StopsDelivery()
    {
        var hub = StandInHostFixture.NewHub();
        await using var client = await ConnectAsync(hub, null, "message");
        await host.Rest.AddConnectionToGroupAsync(hub, "room", client.ConnectionId);
        await host.Rest.RemoveConnectionFromGroupAsync(hub, "room", client.ConnectionId);

        await host.Rest.SendToGroupAsync(hub, "room", "message", ["gone"]);

        await client.AssertNoMessageAsync("message", Quiet);
    }

    [Fact]
    public async Task HubSend_ReachesOnlyThatHubsConnections()
    {
        var hub = StandInHostFixture.NewHub();
        await using var inHub = await ConnectAsync(hub, null, "notice");
        await using var otherHub = await ConnectAsync(StandInHostFixture.NewHub(), null, "notice");

        await host.Rest.SendToHubAsync(hub, "notice", ["all"]);

        Assert.Equal("all", (await inHub.WaitForMessageAsync("notice")).Arg0.GetString());
        await otherHub.AssertNoMessageAsync("notice", Quiet);
    }

    [Fact]
    public async Task Groups_WithSameNameInTwoHubs_AreSeparate()
    {
        var hubA = StandInHostFixture.NewHub();
        var hubB = StandInHostFixture.NewHub();
        await using var a = await ConnectAsync(hubA, null, "message");
        await using var b = await ConnectAsync(hubB, null, "message");
        await host.Rest.AddConnectionToGroupAsync(hubA, "room", a.ConnectionId);
        await host.Rest.AddConnectionToGroupAsync(hubB, "room", b.ConnectionId);

        await host.Rest.SendToGroupAsync(hubA, "room", "message", ["for A"]);

        await a.WaitForMessageAsync("message");
        await b.AssertNoMessageAsync("message", Quiet);
    }

    [Fact]
    public async Task Sends_WithExcludedConnection_SkipIt()
    {
        var hub = StandInHostFixture.NewHub();
        await using var kept = await ConnectAsync(hub, null, "message", "notice");
        await using var excluded = await ConnectAsync(hub, null, "message", "notice");
        await host.Rest.AddConnectionToGroupAsync(hub, "room", kept.ConnectionId);
        await host.Rest.AddConnectionToGroupAsync(hub, "room", excluded.ConnectionId);

        await host.Rest.SendToGroupAsync(hub, "room", "message", ["g"], [excluded.ConnectionId]);
        await host.Rest.SendToHubAsync(hub, "notice", ["h"], [excluded.ConnectionId]);

        await kept.WaitForMessageAsync("message");
        await kept.WaitForMessageAsync("notice");
        await excluded.AssertNoMessageAsync("message", Quiet);
        Assert.Empty(excluded.Received);
    }

    [Fact]
    public async Task AddToGroup_UnknownConnection_Is404()
    {
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => host.Rest.AddConnectionToGroupAsync(StandInHostFixture.NewHub(), "room", "nope"));

        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task UserGroup_CoversTheUsersConnectionsNowAndLater_AndEndsWhenRemoved()
    {
        var hub = StandInHostFixture.NewHub();
        await using var first = await ConnectAsync(hub, "ann", "message");
        await host.Rest.AddUserToGroupAsync(hub, "room", "ann");
        await using var later = await ConnectAsync(hub, "ann", "message");
        await using var other = await ConnectAsync(hub, "bob", "message");

        await host.Rest.SendToGroupAsync(hub, "room", "message", ["one"]);

        await first.WaitForMessageAsync("message");
        await later.WaitForMessageAsync("message");
        await other.AssertNoMessageAsync("message", Quiet);
        Assert.True(await host.Rest.IsUserInGroupAsync(hub, "room", "ann"));
        Assert.False(await host.Rest.IsUserInGroupAsync(hub, "room", "bob"));

        await host.Rest.RemoveUserFromGroupAsync(hub, "room", "ann");
        await host.Rest.SendToGroupAsync(hub, "room", "message", ["two"]);
        await first.AssertNoMessageAsync("message", Quiet, m => m.Arg0.GetString() == "two");
        Assert.False(await host.Rest.IsUserInGroupAsync(hub, "room", "ann"));
    }

    [Fact]
    public async Task UserAndConnectionSends_ReachExactlyThem()
    {
        var hub = StandInHostFixture.NewHub();
        await using var ann = await ConnectAsync(hub, "ann", "note");
        await using var bob = await ConnectAsync(hub, "bob", "note");

        await host.Rest.SendToUserAsync(hub, "ann", "note", ["to ann"]);
        await host.Rest.SendToConnectionAsync(hub, bob.ConnectionId, "note", ["to bob"]);

        Assert.Equal("to ann", (await ann.WaitForMessageAsync("note")).Arg0.GetString());
        Assert.Equal("to bob", (await bob.WaitForMessageAsync("note")).Arg0.GetString());
        Assert.Single(ann.Received);
        Assert.True(await host.Rest.ConnectionExistsAsync(hub, ann.ConnectionId));
        Assert.False(await host.Rest.ConnectionExistsAsync(hub, "gone"));
    }

    [Fact]
    public async Task Upstream_GetsSignedConnectionEventsAndInvocations_AndTheClientGetsTheAnswer()
    {
        var hub = StandInHostFixture.NewHub();
        await using var client = await ConnectAsync(hub, "ann");

        var echoed = await client.InvokeAsync("join", new { group = "room" });
        var refused = await Assert.ThrowsAsync<NodeSignalRInvocationException>(() => client.InvokeAsync("leave", "room"));
        var failed = await Assert.ThrowsAsync<NodeSignalRInvocationException>(() => client.InvokeAsync("publish", new { }));
        await client.StopAsync();

        Assert.Equal("room", echoed.GetProperty("group").GetString());
        Assert.Contains("forbidden: not today", refused.ServerMessage, StringComparison.Ordinal);
        Assert.Contains("500", failed.ServerMessage, StringComparison.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!host.UpstreamCalls.Any(c => c.Path.EndsWith("/connections/disconnected", StringComparison.Ordinal) && c.Headers["x-asrs-connection-id"] == client.ConnectionId))
        {
            Assert.True(DateTime.UtcNow < deadline, "No disconnected event reached the upstream.");
            await Task.Delay(20);
        }

        var calls = host.UpstreamCalls.Where(c => c.Headers["x-asrs-connection-id"] == client.ConnectionId).ToList();
        Assert.Equal(
            [$"/upstream/{hub}/connections/connected", $"/upstream/{hub}/messages/join", $"/upstream/{hub}/messages/leave", $"/upstream/{hub}/messages/publish", $"/upstream/{hub}/connections/disconnected"],
            calls.Select(c => c.Path));
        Assert.All(calls, c => Assert.True(UpstreamSignature.IsValid(c.Headers["x-asrs-signature"], StandInHostFixture.AccessKey, client.ConnectionId)));
        Assert.All(calls, c => Assert.Equal("ann", c.Headers["x-asrs-user-id"]));
        Assert.Equal("""{"type":10}""", calls[0].Body);
    }

    private async Task<NodeSignalRClient> ConnectAsync(string hub, string? userId, params string[] targets)
    {
        var info = await host.Negotiator.NegotiateAsync(hub, userId, TimeSpan.FromMinutes(5), CancellationToken.None);
        return await NodeSignalRClient.StartAsync(info.Url, info.AccessToken, targets);
    }
}
