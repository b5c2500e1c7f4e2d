using FanOut.Core.History;

namespace FanOut.UnitTests.Core;

public class HistoryWriterTests
{
    private readonly FakeHistoryStore _store = new();
    private readonly HistoryWriter _writer;

    public HistoryWriterTests() => _writer = new HistoryWriter(_store, TestMetrics.Create());

    [Fact]
    public async Task Append_Batches_GiveConsecutiveOffsetsInOneCommitEach()
    {
        var (head, first) = await _writer.AppendAsync(null, [Messages.Queued(), Messages.Queued(), Messages.Queued()], default);
        var (_, second) = await _writer.AppendAsync(head, [Messages.Queued(), Messages.Queued()], default);

        Assert.Equal([1, 2, 3, 4, 5], first.Concat(second).Select(r => r.Envelope.Offset));
        Assert.All(first.Concat(second), r => Assert.True(r.IsNew));
        Assert.Equal([3, 2], _store.CommitSizes);
    }

    [Fact]
    public async Task Append_WithAStaleCachedHead_ReadsTheHeadAgainAndContinuesAfterTheOtherWriter()
    {
        var (head, _) = await _writer.AppendAsync(null, [Messages.Queued()], default);
        _store.AppendElsewhere(Messages.Queued());

        var (_, results) = await _writer.AppendAsync(head, [Messages.Queued(), Messages.Queued()], default);

        Assert.Equal([3, 4], results.Select(r => r.Envelope.Offset));
        Assert.Equal([1, 2, 3, 4], _store.Messages.Select(m => m.Offset));
    }

    [Fact]
    public async Task Append_RedeliveredMessage_KeepsItsFirstOffsetAndTheRestAreStoredAfterTheHead()
    {
        var redelivered = Messages.Queued();
        var (head, _) = await _writer.AppendAsync(null, [Messages.Queued(), redelivered, Messages.Queued()], default);

        var fresh = Messages.Queued();
        var (_, results) = await _writer.AppendAsync(head, [redelivered, fresh], default);

        Assert.Equal([(2L, false, redelivered.Id), (4L, true, fresh.Id)], results.Select(r => (r.Envelope.Offset, r.IsNew, r.Envelope.Id)));
        Assert.Equal(4, _store.Messages.Count);
    }

    [Fact]
    public async Task Append_WhenEveryMessageIsAlreadyStored_StoresNothing()
    {
        var message = Messages.Queued();
        await _writer.AppendAsync(null, [message], default);

        var (head, results) = await _writer.AppendAsync(null, [message], default);

        Assert.False(Assert.Single(results).IsNew);
        Assert.Equal(1, head.LastOffset);
        Assert.Single(_store.Messages);
    }

    [Fact]
    public async Task Append_WhenTheHeadKeepsMoving_GivesUpWithContention()
    {
        _store.ConflictsToInject = HistoryWriter.MaxAttempts;

        await Assert.ThrowsAsync<HistoryContentionException>(() => _writer.AppendAsync(null, [Messages.Queued()], default));
        Assert.Empty(_store.Messages);
    }
}
