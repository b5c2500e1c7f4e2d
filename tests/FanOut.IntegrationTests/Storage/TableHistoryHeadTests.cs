using FanOut.Core.Diagnostics;
using FanOut.Core.History;
using FanOut.Storage.History;
using FanOut.Testing.Azurite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static FanOut.IntegrationTests.Storage.HistoryTestTable;

namespace FanOut.IntegrationTests.Storage;

/// <summary>
/// The head row as a checkpoint: when commits move it, how long a writer trusts its own last commit, what
/// trimming does to it, and a history deleted under a writer.
/// </summary>
public sealed class TableHistoryHeadTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Commit_BetweenCheckpoints_LeavesTheHeadRowAlone_AndReadHeadStillFindsTheLastOffset()
    {
        var history = await CreateAsync();
        var (store, writer) = (history.Store, history.Writer);

        var (head, _) = await writer.AppendAsync(null, [Message("g")], CancellationToken.None);
        (head, _) = await writer.AppendAsync(head, [Message("g"), Message("g")], CancellationToken.None);
        (head, _) = await writer.AppendAsync(head, [Message("g")], CancellationToken.None);

        Assert.Equal(1, await history.StoredHeadAsync("g"));
        Assert.Equal(4, head.LastOffset);
        Assert.Equal(4, (await store.ReadHeadAsync("hub", "g", CancellationToken.None))?.LastOffset);
    }

    [Fact]
    public async Task Commit_ReachingACheckpoint_MovesTheHeadRow()
    {
        var history = await CreateAsync();
        var writer = history.Writer;

        var (head, _) = await writer.AppendAsync(null, Enumerable.Range(0, 40).Select(_ => Message("g")).ToList(), CancellationToken.None);
        await writer.AppendAsync(head, Enumerable.Range(0, 30).Select(_ => Message("g")).ToList(), CancellationToken.None);

        Assert.Equal(70, await history.StoredHeadAsync("g"));
    }

    [Fact]
    public async Task Commit_OnAHeadCommittedLongerAgoThanItIsTrusted_ChecksAndMovesTheHeadRow()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var history = await CreateAsync(clock);
        var writer = history.Writer;
        var (head, _) = await writer.AppendAsync(null, [Message("g")], CancellationToken.None);
        (head, _) = await writer.AppendAsync(head, [Message("g")], CancellationToken.None);

        clock.Advance(TableHistoryStore.TrustCommittedHeadFor);
        await writer.AppendAsync(head, [Message("g")], CancellationToken.None);

        Assert.Equal(3, await history.StoredHeadAsync("g"));
    }

    [Fact]
    public async Task Commit_AfterTheHistoryWasDeleted_StartsANewEpochAtOne()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var history = await CreateAsync(clock);
        var (store, writer) = (history.Store, history.Writer);
        var (head, _) = await writer.AppendAsync(null, [Message("g"), Message("g")], CancellationToken.None);
        await history.DeletePartitionAsync("g");

        clock.Advance(TableHistoryStore.TrustCommittedHeadFor);
        var (next, results) = await writer.AppendAsync(head, [Message("g")], CancellationToken.None);

        Assert.Equal(1, results.Single().Envelope.Offset);
        Assert.NotEqual(head.Epoch, next.Epoch);
        Assert.Equal(next.Epoch, (await store.ReadHeadAsync("hub", "g", CancellationToken.None))?.Epoch);
    }

    [Fact]
    public async Task Commit_WithinTheTrustAfterTheHistoryWasDeleted_GoesOnInItsEpochAfterTheGap()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var history = await CreateAsync(clock);
        var (store, writer) = (history.Store, history.Writer);
        var (head, _) = await writer.AppendAsync(null, [Message("g"), Message("g")], CancellationToken.None);
        await history.DeletePartitionAsync("g");

        (head, _) = await writer.AppendAsync(head, [Message("g")], CancellationToken.None);
        var read = await store.ReadHeadAsync("hub", "g", CancellationToken.None);
        clock.Advance(TableHistoryStore.TrustCommittedHeadFor);
        var (_, results) = await writer.AppendAsync(head, [Message("g")], CancellationToken.None);

        Assert.Equal((3, head.Epoch), (read?.LastOffset, read?.Epoch));
        Assert.Equal(4, results.Single().Envelope.Offset);
        Assert.Equal(4, await history.StoredHeadAsync("g"));
        Assert.Equal([3, 4], (await store.ReadAsync("hub", "g", 0, 10, CancellationToken.None)).Select(e => e.Offset));
    }

    [Fact]
    public async Task TryCommit_WithAHeadReadBeforeATrimRaisedIt_StoresNothing()
    {
        var clock = ClockPastTheTrimGrace();
        var history = await CreateAsync(clock);
        var (store, writer) = (history.Store, history.Writer);
        var (head, _) = await writer.AppendAsync(null, [Message("g")], CancellationToken.None);
        await writer.AppendAsync(head, [Message("g"), Message("g")], CancellationToken.None);
        var read = (await store.ReadHeadAsync("hub", "g", CancellationToken.None))!;

        await store.TrimAsync("hub", "g", DateTimeOffset.MaxValue, max: 500, CancellationToken.None);
        var late = Message("g");

        Assert.Null(await store.TryCommitAsync(read, [late.ToEnvelope(4, read.Epoch)], CancellationToken.None));
        Assert.Equal(3, await history.StoredHeadAsync("g"));
    }

    [Fact]
    public async Task Trim_OfEveryMessage_RaisesTheHead_AndTheGroupGoesOnAfterItsLastOffset()
    {
        var clock = ClockPastTheTrimGrace();
        var history = await CreateAsync(clock);
        var (store, writer) = (history.Store, history.Writer);
        var (head, _) = await writer.AppendAsync(null, [Message("g")], CancellationToken.None);
        await writer.AppendAsync(head, [Message("g"), Message("g")], CancellationToken.None);

        var deleted = await store.TrimAsync("hub", "g", DateTimeOffset.MaxValue, max: 500, CancellationToken.None);
        var (_, next) = await writer.AppendAsync(null, [Message("g")], CancellationToken.None);

        Assert.Equal(3, deleted);
        Assert.Equal(4, next.Single().Envelope.Offset);
        Assert.Equal([4], (await store.ReadAsync("hub", "g", 0, 10, CancellationToken.None)).Select(e => e.Offset));
    }

    [Fact]
    public async Task Trim_LeavesMessagesCommittedWithinTheGrace_WhateverTheirSendTime()
    {
        var history = await CreateAsync();
        var (store, writer) = (history.Store, history.Writer);
        await writer.AppendAsync(null, [Message("g"), Message("g")], CancellationToken.None);

        var deleted = await store.TrimAsync("hub", "g", DateTimeOffset.MaxValue, max: 500, CancellationToken.None);

        Assert.Equal(0, deleted);
        Assert.Equal(2, (await store.ReadAsync("hub", "g", 0, 10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Trim_DeletesTheOldestMessagesAndTheirIds_AndTheGroupGoesOnFromItsHead()
    {
        var history = await CreateAsync(ClockPastTheTrimGrace());
        var (store, writer) = (history.Store, history.Writer);
        var sent = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var messages = Enumerable.Range(0, 60).Select(i => Message("g") with { SentAt = sent.AddSeconds(i) }).ToList();
        var (head, _) = await writer.AppendAsync(null, messages[..49], CancellationToken.None);
        (head, _) = await writer.AppendAsync(head, messages[49..], CancellationToken.None);

        var deleted = await store.TrimAsync("hub", "g", sent.AddSeconds(55), max: 500, CancellationToken.None);
        var (_, next) = await writer.AppendAsync(head, [Message("g")], CancellationToken.None);

        Assert.Equal(55, deleted);
        Assert.Equal([56, 57, 58, 59, 60, 61], (await store.ReadAsync("hub", "g", 0, 100, CancellationToken.None)).Select(e => e.Offset));
        Assert.Empty(await store.FindAsync("hub", "g", [messages[0].Id, messages[54].Id], CancellationToken.None));
        Assert.Equal(61, next.Single().Envelope.Offset);
    }

    private Task<HistoryTestTable> CreateAsync(TimeProvider? clock = null) =>
        HistoryTestTable.CreateAsync(azurite, new FanOutMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), clock);
}
