using System.Text.Json;
using Azure.Core.Pipeline;
using FanOut.Core.Messages;
using FanOut.SignalR.Connection;
using FanOut.SignalR.Delivery;
using FanOut.SignalR.Health;
using FanOut.SignalR.Membership;
using FanOut.SignalR.Rest;
using Microsoft.Extensions.Logging.Abstractions;

namespace FanOut.UnitTests.SignalR;

public sealed class SignalRAdapterTests : IDisposable
{
    private readonly RecordingHandler _handler = new();

    public void Dispose() => _handler.Dispose();

    [Fact]
    public async Task Broadcast_SendsEnvelopeAsOnlyArgumentOfEventToItsGroup_KeepingDataRaw()
    {
        var envelope = new Envelope("m1", "chat", "room", 7, "e1", "message", FanOut.UnitTests.Core.Messages.Json("{\"text\":\"héllo 😀\"}"), DateTimeOffset.UnixEpoch);

        await new SignalRBroadcaster(Client(), NullLogger<SignalRBroadcaster>.Instance).BroadcastAsync(envelope, CancellationToken.None);

        var request = Assert.Single(_handler.Requests);
        Assert.Equal("/api/hubs/chat/groups/room/:send", request.Uri.AbsolutePath);
        using var body = JsonDocument.Parse(request.Body!);
        Assert.Equal("message", body.RootElement.GetProperty("target").GetString());
        var argument = Assert.Single(body.RootElement.GetProperty("arguments").EnumerateArray().ToList());
        Assert.Equal(7, argument.GetProperty("offset").GetInt64());
        Assert.Equal("e1", argument.GetProperty("epoch").GetString());
        Assert.Contains("\"data\":{\"text\":\"héllo 😀\"}", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Membership_OfConnections_CallsGroupConnectionApis()
    {
        var membership = new SignalRGroupMembership(Client());

        await membership.AddConnectionAsync("chat", "room", "c1", CancellationToken.None);
        await membership.RemoveConnectionAsync("chat", "room", "c1", CancellationToken.None);

        Assert.Equal(["PUT", "DELETE"], _handler.Requests.Select(r => r.Method));
        Assert.All(_handler.Requests, r => Assert.Equal("/api/hubs/chat/groups/room/connections/c1", r.Uri.AbsolutePath));
    }

    [Fact]
    public async Task Membership_OfUsers_CallsUserGroupApis()
    {
        var membership = new SignalRGroupMembership(Client());

        await membership.AddUserAsync("chat", "room", "ann@x", CancellationToken.None);
        await membership.RemoveUserAsync("chat", "room", "ann@x", CancellationToken.None);
        var isMember = await membership.IsUserInGroupAsync("chat", "room", "ann@x", CancellationToken.None);

        Assert.Equal(["PUT", "DELETE", "HEAD"], _handler.Requests.Select(r => r.Method));
        Assert.All(_handler.Requests, r => Assert.Equal("/api/hubs/chat/users/ann%40x/groups/room", r.Uri.AbsolutePath));
        Assert.True(isMember);
    }

    [Fact]
    public async Task HealthProbe_IsNamedSignalRAndHealthyWhenServiceAnswers()
    {
        var probe = new SignalRHealthProbe(Client());

        var result = await probe.CheckAsync(CancellationToken.None);

        Assert.Equal("signalr", probe.Name);
        Assert.True(result.Healthy);
        Assert.Equal("HEAD", Assert.Single(_handler.Requests).Method);
    }

    private SignalRRestClient Client()
    {
        var options = new SignalRRestClientOptions { Transport = new HttpClientTransport(new HttpClient(_handler)) };
        options.Retry.MaxRetries = 0;
        return new SignalRRestClient(SignalRServiceEndpoint.Parse(TestKeys.ConnectionString), options);
    }
}
