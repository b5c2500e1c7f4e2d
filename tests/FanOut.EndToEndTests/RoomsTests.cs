using System.Net;
using FanOut.Testing.LocalHost;

namespace FanOut.EndToEndTests;

/// <summary>Room events and presence, as Socket.IO's adapter events and "who is here" lists.</summary>
public class RoomsTests(RoomsFixture fixture) : IClassFixture<RoomsFixture>
{
    private const string Hub = "chat";

    [Fact]
    public async Task JoinAndLeave_AreAnnouncedToTheGroupsMembers()
    {
        var group = LocalHostFixture.UniqueGroup();
        await using var member = await fixture.ConnectAsync(Hub, "amy", "$join", "$leave");
        await member.JoinAsync(group);
        await using var newcomer = await fixture.ConnectAsync(Hub, "ben");

        await newcomer.JoinAsync(group);
        await newcomer.LeaveAsync(group);

        var joined = await member.WaitForMessageAsync("$join", m => m.Arg0.GetProperty("userId").GetString() == "ben");
        var left = await member.WaitForMessageAsync("$leave", m => m.Arg0.GetProperty("userId").GetString() == "ben");
        Assert.Equal(group, joined.Arg0.GetProperty("group").GetString());
        Assert.Equal(group, left.Arg0.GetProperty("group").GetString());
    }

    [Fact]
    public async Task Presence_FollowsJoinsLeavesConnectionsAndAKilledClient()
    {
        var group = LocalHostFixture.UniqueGroup();
        var (amy, ben) = ("amy-" + group, "ben-" + group);
        await using var amyPhone = await fixture.ConnectAsync(Hub, amy);
        await using var benPhone = await fixture.ConnectAsync(Hub, ben);
        await using var benLaptop = await fixture.ConnectAsync(Hub, ben);
        await amyPhone.JoinAsync(group);
        await benPhone.JoinAsync(group);

        await WaitForPresenceAsync(group, [(amy, 1), (ben, 2)]);

        await benLaptop.KillAsync();
        await WaitForPresenceAsync(group, [(amy, 1), (ben, 1)]);

        await benPhone.LeaveAsync(group);
        await WaitForPresenceAsync(group, [(amy, 1)]);

        var overSocket = await amyPhone.InvokeAsync("presence", new { group });
        Assert.Equal([amy], overSocket.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("userId").GetString()));
    }

    [Fact]
    public async Task Presence_AfterAHostRestart_IsKept_AndDisconnectsMissedMeanwhileAreSweptOut()
    {
        var group = LocalHostFixture.UniqueGroup();
        var (amy, ben) = ("amy-" + group, "ben-" + group);
        await using var amyPhone = await fixture.ConnectAsync(Hub, amy);
        await using var benPhone = await fixture.ConnectAsync(Hub, ben);
        await amyPhone.JoinAsync(group);
        await benPhone.JoinAsync(group);
        await WaitForPresenceAsync(group, [(amy, 1), (ben, 1)]);

        await fixture.Host.KillAsync();
        await benPhone.StopAsync();   // its disconnect event finds no host: it is lost
        await fixture.Host.StartAgainAsync();

        await WaitForPresenceAsync(group, [(amy, 1)]);
    }

    private async Task WaitForPresenceAsync(string group, (string User, int Connections)[] expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var seen = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await fixture.Http.GetAsync(new Uri($"/api/hubs/{Hub}/groups/{group}/presence", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var users = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("users").EnumerateArray()
                .Select(u => (u.GetProperty("userId").GetString()!, u.GetProperty("connections").GetInt32())).ToArray();
            if (users.SequenceEqual(expected))
            {
                return;
            }

            seen = string.Join(", ", users);
            await Task.Delay(100);
        }

        Assert.Fail($"Presence of {group} is [{seen}], expected [{string.Join(", ", expected)}].\n{fixture.Host.Output}");
    }
}
