using FanOut.Core;
using FanOut.Core.Access;
using FanOut.Core.History;
using FanOut.Core.Messages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace FanOut.UnitTests.Core;

public class HistoryRetentionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeHistoryStore _store = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly HistoryRetention _retention;
    private readonly HistoryQuery _query;

    public HistoryRetentionTests()
    {
        var access = new FanOutAccessOptions();
        access.Hubs["chat"] = new HubPolicyOptions { Limits = { HistoryRetention = TimeSpan.FromHours(1) } };
        access.Hubs["forever"] = new HubPolicyOptions();
        var policies = new HubPolicies(Mock.Of<IOptionsMonitor<FanOutAccessOptions>>(m => m.CurrentValue == access));
        _retention = new HistoryRetention(_store, policies, _clock, NullLogger<HistoryRetention>.Instance);
        _query = new HistoryQuery(_store, new FakePayloadStore(), Options.Create(new FanOutOptions { DefaultPageSize = 2, MaxPageSize = 10 }), _retention);
    }

    /// <summary>One message per minute starting at <see cref="Start"/>, stored with offsets 1, 2, 3, …</summary>
    private async Task AppendMinutelyAsync(string hub, int count)
    {
        var writer = new HistoryWriter(_store, TestMetrics.Create());
        for (var i = 0; i < count; i++)
        {
            await writer.AppendAsync(null, [new QueuedMessage($"m{i}", hub, "general", "message", Messages.Json("0"), Start.AddMinutes(i))], default);
        }
    }

    [Fact]
    public async Task Read_LeavesOutMessagesOlderThanTheHubsRetention_AndPagesOnFromThere()
    {
        await AppendMinutelyAsync("chat", 10);
        _clock.SetUtcNow(Start.AddMinutes(66)); // keeps messages sent at minute 6 or later: offsets 7-10

        var (first, _) = await _query.ReadAsync("chat", "general", 0, null, default);
        var (second, _) = await _query.ReadAsync("chat", "general", first!.Next!.Value, null, default);

        Assert.Equal([7, 8], first.Messages.Select(m => m.Offset));
        Assert.Equal([9, 10], second!.Messages.Select(m => m.Offset));
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task Read_OfAHubWithoutRetention_KeepsEverything()
    {
        await AppendMinutelyAsync("forever", 3);
        _clock.Advance(TimeSpan.FromDays(400));

        var (page, _) = await _query.ReadAsync("forever", "general", 0, 10, default);

        Assert.Equal([1, 2, 3], page!.Messages.Select(m => m.Offset));
    }

    [Fact]
    public async Task Trim_DeletesOnlyExpiredMessages_AndACommitTriggersItAtMostOncePerInterval()
    {
        await AppendMinutelyAsync("chat", 10);
        _clock.SetUtcNow(Start.AddMinutes(63));

        _retention.Committed("chat", "general");
        await WaitUntilAsync(() => _store.Messages.Count == 7);
        _clock.Advance(TimeSpan.FromSeconds(30));
        _retention.Committed("chat", "general"); // within the interval: nothing happens
        await Task.Delay(50);

        Assert.Equal([4, 5, 6, 7, 8, 9, 10], _store.Messages.Select(m => m.Offset));
        _clock.Advance(HistoryRetention.Interval); // now minute 64.5: keeps minute 4.5 and later
        _retention.Committed("chat", "general");
        await WaitUntilAsync(() => _store.Messages.Count == 5);
    }

    [Fact]
    public void Validation_RefusesARetentionShorterThanRedelivery()
    {
        var access = new FanOutAccessOptions();
        access.Hubs["chat"] = new HubPolicyOptions { Limits = { HistoryRetention = TimeSpan.FromMinutes(1) } };

        var result = new AccessOptionsValidation().Validate(null, access);

        Assert.True(result.Failed);
        Assert.Contains("FanOut__Hubs__chat__Limits__HistoryRetention", result.FailureMessage, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
