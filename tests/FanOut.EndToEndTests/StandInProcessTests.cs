using System.Net;
using FanOut.Testing.LocalHost;

namespace FanOut.EndToEndTests;

/// <summary>The stand-in as its own process (<c>FanOut.LocalHost signalr</c>), the way the benchmark and <c>func start</c> use it.</summary>
public class StandInProcessTests(StandInProcessTests.Fixture fixture) : IClassFixture<StandInProcessTests.Fixture>
{
    public class Fixture : LocalHostFixture
    {
        protected override bool StandInInItsOwnProcess => true;
    }

    [Fact]
    public async Task AClientOfTheStandInProcess_JoinsThroughUpstream_AndReceivesWhatTheHostPublishes()
    {
        var group = LocalHostFixture.UniqueGroup();
        await using var member = await fixture.ConnectAsync("chat", "alice", "message");
        await member.JoinAsync(group);

        using var response = await fixture.PublishAsync("chat", group, "message", new { text = "across processes" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var received = await member.WaitForMessageAsync("message", m => m.Arg0.GetProperty("group").GetString() == group);
        Assert.Equal("across processes", received.Arg0.GetProperty("data").GetProperty("text").GetString());
    }
}
