using Moq;
using System.Runtime.CompilerServices;
using FanOut.Core;
using FanOut.Core.Access;
using FanOut.Core.Rooms;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FanOut.UnitTests.Rooms;

public class HubEventsTests
{
    private readonly RecordingPresence _presence = new();
    private readonly List<HubEvent> _sent = [];
    private readonly List<HubEvent> _handled = [];
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero));
    private readonly HashSet<string> _live = [];

    private HubEvents Create(HubPolicyOptions chat, params HubEventHandler[] handlers)
    {
        var access = new FanOutAccessOptions { Hubs = { ["chat"] = chat } };
        var monitor = Mock.Of<IOptionsMonitor<FanOutAccessOptions>>(m => m.CurrentValue == access);
        var rooms = new Mock<IRoomEventSender>();
        rooms.Setup(r => r.SendAsync(It.IsAny<HubEvent>(), It.IsAny<CancellationToken>())).Callback<HubEvent, CancellationToken>((e, _) => _sent.Add(e)).Returns(Task.CompletedTask);
        var probe = new Mock<IConnectionProbe>();
        probe.Setup(p => p.IsConnectedAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((string _, string id, CancellationToken _) => _live.Contains(id));
        return new HubEvents(new HubPolicies(monitor), _presence, rooms.Object, probe.Object, handlers, Options.Create(new FanOutOptions()), _clock, NullLogger<HubEvents>.Instance);
    }

    [Fact]
    public async Task Join_WithRoomEventsAndPresenceOn_TellsTheGroupRecordsTheMemberAndRunsTheHandlers()
    {
        var events = Create(new HubPolicyOptions { RoomEvents = true, Presence = true }, new HubEventHandler("ch*", (e, _) =>
        {
            _handled.Add(e);
            return Task.CompletedTask;
        }));

        await events.JoinedAsync("chat", "room", "amy", default);

        Assert.Equal((HubEventKind.Joined, "room", "amy"), (_sent.Single().Kind, _sent.Single().Group, _sent.Single().UserId));
        Assert.Contains(("chat", "room", "amy"), _presence.Members);
        Assert.Equal(HubEventKind.Joined, _handled.Single().Kind);
    }

    [Fact]
    public async Task Join_WithBothOff_OnlyRunsTheHandlers_AndAFailingHandlerDoesNotStopTheNext()
    {
        var events = Create(
            new HubPolicyOptions(),
            new HubEventHandler("*", (_, _) => throw new InvalidOperationException("app bug")),
            new HubEventHandler("*", (e, _) =>
            {
                _handled.Add(e);
                return Task.CompletedTask;
            }));

        await events.JoinedAsync("chat", "room", "amy", default);

        Assert.Empty(_sent);
        Assert.Empty(_presence.Members);
        Assert.Single(_handled);
    }

    [Fact]
    public async Task Sweep_RemovesConnectionsTheServiceNoLongerHas_OnceTheyAreOldEnough()
    {
        var events = Create(new HubPolicyOptions { Presence = true });
        await events.ConnectedAsync("chat", "gone", "amy", default);
        await events.ConnectedAsync("chat", "live", "ben", default);
        _live.Add("live");

        await events.SweepIfDueAsync(default);
        Assert.Equal(2, _presence.Connections.Count);

        _clock.Advance(TimeSpan.FromMinutes(2));
        await events.SweepIfDueAsync(default);
        Assert.Equal(["live"], _presence.Connections.Select(c => c.ConnectionId));
    }

    private sealed class RecordingPresence : IPresenceStore
    {
        public List<TrackedConnection> Connections { get; } = [];

        public List<(string, string, string)> Members { get; } = [];

        public Task<bool> AddConnectionAsync(TrackedConnection connection, CancellationToken cancellationToken)
        {
            Connections.Add(connection);
            return Task.FromResult(true);
        }

        public Task<TrackedConnection?> RemoveConnectionAsync(string hub, string connectionId, CancellationToken cancellationToken)
        {
            var found = Connections.FirstOrDefault(c => c.ConnectionId == connectionId);
            Connections.RemoveAll(c => c.ConnectionId == connectionId);
            return Task.FromResult(found);
        }

        public Task AddMemberAsync(string hub, string group, string userId, DateTimeOffset at, CancellationToken cancellationToken)
        {
            Members.Add((hub, group, userId));
            return Task.CompletedTask;
        }

        public Task RemoveMemberAsync(string hub, string group, string userId, CancellationToken cancellationToken)
        {
            Members.Remove((hub, group, userId));
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<PresenceEntry>> ListAsync(string hub, string group, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<PresenceEntry>>([]);

        public async IAsyncEnumerable<TrackedConnection> ConnectionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            foreach (var connection in Connections.ToList())
            {
                await Task.Yield();
                yield return connection;
            }
        }
    }
}
