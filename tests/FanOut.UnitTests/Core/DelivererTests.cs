using FanOut.Core.Delivery;
using FanOut.Core.History;
using Microsoft.Extensions.Logging.Abstractions;

namespace FanOut.UnitTests.Core;

public class DelivererTests
{
    private readonly FakeHistoryStore _store = new();
    private readonly RecordingBroadcaster _broadcaster = new();
    private readonly Deliverer _deliverer;

    public DelivererTests() =>
        _deliverer = new Deliverer(
            new HistoryWriter(_store, TestMetrics.Create()), _broadcaster, new FakePayloadStore(),
            new DeliveryObserver(TestMetrics.Create(), TimeProvider.System), NullLogger<Deliverer>.Instance);

    [Fact]
    public async Task Deliver_ManyAtOnceToOneGroup_CommitsThemTogetherAndBroadcastsInOffsetOrder()
    {
        _broadcaster.Gate = new TaskCompletionSource();
        var first = _deliverer.DeliverAsync(Messages.Queued(), default);
        await WaitUntilAsync(() => _store.CommitSizes.Count == 1);

        // While the first broadcast is held, 30 more arrive: they wait, then commit together.
        var rest = Enumerable.Range(0, 30).Select(_ => _deliverer.DeliverAsync(Messages.Queued(), default)).ToList();
        _broadcaster.Gate.SetResult();
        var envelopes = await Task.WhenAll(rest.Prepend(first));

        Assert.InRange(_store.CommitSizes.Count, 2, 3);
        Assert.Equal(31, _store.CommitSizes.Sum());
        Assert.Equal(Enumerable.Range(1, 31).Select(i => (long)i), envelopes.Select(e => e.Offset));
        Assert.Equal(Enumerable.Range(1, 31).Select(i => (long)i), _broadcaster.Sent.Select(e => e.Offset));
    }

    [Fact]
    public async Task Deliver_MoreThanOneCommitHolds_SplitsAtTheStoresLimit()
    {
        _store.MaxMessagesPerCommit = 4;
        _broadcaster.Gate = new TaskCompletionSource();
        var all = Enumerable.Range(0, 10).Select(_ => _deliverer.DeliverAsync(Messages.Queued(), default)).ToList();
        _broadcaster.Gate.SetResult();
        await Task.WhenAll(all);

        Assert.All(_store.CommitSizes, size => Assert.InRange(size, 1, 4));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), _broadcaster.Sent.Select(e => e.Offset));
    }

    [Fact]
    public async Task Deliver_WhenOneBroadcastFails_OnlyThatMessageFailsAndItKeepsItsOffsetOnRetry()
    {
        var bad = Messages.Queued();
        _broadcaster.FailingIds.Add(bad.Id);
        _broadcaster.Gate = new TaskCompletionSource();
        var before = _deliverer.DeliverAsync(Messages.Queued(), default);
        var failing = _deliverer.DeliverAsync(bad, default);
        var after = _deliverer.DeliverAsync(Messages.Queued(), default);
        _broadcaster.Gate.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        await Task.WhenAll(before, after);
        _broadcaster.FailingIds.Clear();
        var retried = await _deliverer.DeliverAsync(bad, default);

        Assert.Equal(2, retried.Offset);
        Assert.Equal(3, _store.Messages.Count);
        Assert.Equal([1, 3, 2], _broadcaster.Sent.Select(e => e.Offset));
    }

    [Fact]
    public async Task Deliver_WhenStorageFails_FailsTheMessageAndRecoversOnceStorageIsBack()
    {
        await _deliverer.DeliverAsync(Messages.Queued(), default);
        _store.Failure = new TimeoutException("storage down");
        await Assert.ThrowsAsync<TimeoutException>(() => _deliverer.DeliverAsync(Messages.Queued(), default));

        _store.Failure = null;
        _store.AppendElsewhere(Messages.Queued());
        var next = await _deliverer.DeliverAsync(Messages.Queued(), default);

        Assert.Equal(3, next.Offset);
    }

    [Fact]
    public async Task Deliver_TheSameMessageTwiceAtOnce_StoresAndBroadcastsItOnce()
    {
        var message = Messages.Queued();
        _broadcaster.Gate = new TaskCompletionSource();
        var blocker = _deliverer.DeliverAsync(Messages.Queued(), default);
        await WaitUntilAsync(() => _store.CommitSizes.Count == 1);
        var copies = new[] { _deliverer.DeliverAsync(message, default), _deliverer.DeliverAsync(message, default) };
        _broadcaster.Gate.SetResult();

        var envelopes = await Task.WhenAll(copies);
        await blocker;

        Assert.Equal(envelopes[0], envelopes[1]);
        Assert.Equal(2, _store.Messages.Count);
        Assert.Single(_broadcaster.Sent, e => e.Id == message.Id);
    }

    [Fact]
    public async Task Deliver_ToDifferentGroups_KeepsSeparateOffsetSequences()
    {
        var a = await _deliverer.DeliverAsync(Messages.Queued(group: "a"), default);
        var b = await _deliverer.DeliverAsync(Messages.Queued(group: "b"), default);

        Assert.Equal((1, "a"), (a.Offset, a.Group));
        Assert.Equal("b", b.Group);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting.");
            await Task.Delay(5);
        }
    }
}
