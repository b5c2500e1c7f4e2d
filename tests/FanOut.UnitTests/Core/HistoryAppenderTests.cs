using System.Text.Json;
using FanOut.Core.History;
using FanOut.Core.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace FanOut.UnitTests.Core;

public class HistoryAppenderTests
{
    private readonly FakeHistoryStore _store = new();
    private readonly HistoryAppender _appender;

    public HistoryAppenderTests() => _appender = new HistoryAppender(_store, TestMetrics.Create(), NullLogger<HistoryAppender>.Instance);

    private static QueuedMessage Message(string id) =>
        new(id, "chat", "general", "message", JsonElement.Parse("1"), DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Append_ToNewGroup_StartsAtOffsetOneInANewEpoch()
    {
        var result = await _appender.AppendAsync(Message("a"), default);

        Assert.True(result.IsNew);
        Assert.Equal(1, result.Envelope.Offset);
        Assert.False(string.IsNullOrEmpty(result.Envelope.Epoch));
    }

    [Fact]
    public async Task Append_InSequence_NumbersOneTwoThreeInOneEpoch()
    {
        var offsets = new List<long>();
        foreach (var id in new[] { "a", "b", "c" })
        {
            offsets.Add((await _appender.AppendAsync(Message(id), default)).Envelope.Offset);
        }

        Assert.Equal([1, 2, 3], offsets);
        Assert.Single(_store.Messages.Select(m => m.Epoch).Distinct());
    }

    [Fact]
    public async Task Append_AfterHeadConflicts_RetriesAndTakesTheNextFreeOffset()
    {
        await _appender.AppendAsync(Message("a"), default);
        _store.ConflictsToInject = 3;

        var result = await _appender.AppendAsync(Message("b"), default);

        Assert.Equal(2, result.Envelope.Offset);
        Assert.Equal(1 + 4, _store.CommitAttempts);
    }

    [Fact]
    public async Task Append_OfARedeliveredMessage_KeepsItsFirstOffsetAndStoresNothing()
    {
        await _appender.AppendAsync(Message("a"), default);
        await _appender.AppendAsync(Message("b"), default);

        var again = await _appender.AppendAsync(Message("a"), default);

        Assert.False(again.IsNew);
        Assert.Equal(1, again.Envelope.Offset);
        Assert.Equal(2, _store.Messages.Count);
    }

    [Fact]
    public async Task Append_WhenEveryCommitConflicts_GivesUpSoTheQueueRetries()
    {
        _store.ConflictsToInject = int.MaxValue;

        await Assert.ThrowsAsync<HistoryContentionException>(() => _appender.AppendAsync(Message("a"), default));
        Assert.Empty(_store.Messages);
    }

    [Fact]
    public async Task Append_ConcurrentlyToOneGroup_NumbersWithoutGapsOrDuplicates()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => _appender.AppendAsync(Message($"m{i}"), default)));

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), _store.Messages.Select(m => m.Offset).Order());
    }
}
