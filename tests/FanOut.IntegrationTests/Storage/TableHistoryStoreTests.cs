using System.Text.Json;
using FanOut.Core.Diagnostics;
using FanOut.Core.History;
using FanOut.Core.Messages;
using FanOut.Storage.History;
using FanOut.Testing.Azurite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FanOut.IntegrationTests.Storage;

public sealed class TableHistoryStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Append_Sequentially_GivesOffsetsOneToN()
    {
        var (store, appender) = await CreateAsync();

        var offsets = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            offsets.Add((await appender.AppendAsync(Message("g"), CancellationToken.None)).Envelope.Offset);
        }

        Assert.Equal([1, 2, 3, 4, 5], offsets);
        Assert.Equal(5, (await store.ReadHeadAsync("hub", "g", CancellationToken.None))?.LastOffset);
    }

    [Fact]
    public async Task Append_WhenMessageRedelivered_KeepsItsOffsetAndReportsNotNew()
    {
        var (_, appender) = await CreateAsync();
        var message = Message("g");
        await appender.AppendAsync(Message("g"), CancellationToken.None);

        var first = await appender.AppendAsync(message, CancellationToken.None);
        await appender.AppendAsync(Message("g"), CancellationToken.None);
        var again = await appender.AppendAsync(message, CancellationToken.None);

        Assert.True(first.IsNew);
        Assert.False(again.IsNew);
        Assert.Equal(2, again.Envelope.Offset);
        Assert.Equal(first.Envelope.Epoch, again.Envelope.Epoch);
        Assert.Equal(message.Data.GetRawText(), again.Envelope.Data.GetRawText());
    }

    [Fact]
    public async Task TryCommit_WithStaleHead_ReturnsHeadChangedAndStoresNothing()
    {
        var (store, appender) = await CreateAsync();
        await appender.AppendAsync(Message("g"), CancellationToken.None);
        var stale = await store.ReadHeadAsync("hub", "g", CancellationToken.None);
        await appender.AppendAsync(Message("g"), CancellationToken.None);
        var late = Message("g");

        var outcome = await store.TryCommitAsync(stale!, late.ToEnvelope(2, stale!.Epoch), CancellationToken.None);

        Assert.Equal(CommitOutcome.HeadChanged, outcome);
        Assert.Null(await store.FindAsync("hub", "g", late.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Append_ConcurrentlyToOneGroup_GivesExactlyOneToNWithoutGapsOrDuplicates()
    {
        var (store, appender) = await CreateAsync();
        var messages = Enumerable.Range(0, 24).Select(_ => Message("busy")).ToList();

        var results = await Task.WhenAll(messages.Select(m => Task.Run(() => appender.AppendAsync(m, CancellationToken.None))));
        var history = await store.ReadAsync("hub", "busy", 0, 100, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 24).Select(i => (long)i), results.Select(r => r.Envelope.Offset).Order());
        Assert.Equal(Enumerable.Range(1, 24).Select(i => (long)i), history.Select(e => e.Offset));
        Assert.Equal(messages.Select(m => m.Id).Order(), history.Select(e => e.Id).Order());
    }

    [Fact]
    public async Task Read_PagesInOffsetOrderAndKeepsGroupsApart()
    {
        var (store, appender) = await CreateAsync();
        for (var i = 0; i < 12; i++)
        {
            await appender.AppendAsync(Message("a"), CancellationToken.None);
        }

        await appender.AppendAsync(Message("b"), CancellationToken.None);

        var first = await store.ReadAsync("hub", "a", 0, 5, CancellationToken.None);
        var second = await store.ReadAsync("hub", "a", first[^1].Offset, 5, CancellationToken.None);
        var last = await store.ReadAsync("hub", "a", 10, 5, CancellationToken.None);
        var other = await store.ReadAsync("hub", "b", 0, 5, CancellationToken.None);

        Assert.Equal([1, 2, 3, 4, 5], first.Select(e => e.Offset));
        Assert.Equal([6, 7, 8, 9, 10], second.Select(e => e.Offset));
        Assert.Equal([11, 12], last.Select(e => e.Offset));
        Assert.Equal("b", Assert.Single(other).Group);
    }

    [Fact]
    public async Task Find_With47KiBNonAsciiData_ReturnsItByteForByte()
    {
        var (store, appender) = await CreateAsync();
        var json = "{\"text\":\"" + string.Concat(Enumerable.Repeat("ü🎉", 47 * 1024 / 6)) + "\"}";
        var message = Message("g", json);

        await appender.AppendAsync(message, CancellationToken.None);
        var found = await store.FindAsync("hub", "g", message.Id, CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(message.Data.GetRawText(), found.Data.GetRawText());
        Assert.Equal(message.SentAt, found.SentAt);
        Assert.Equal(("said", 1L), (found.Event, found.Offset));
    }

    [Fact]
    public async Task ReadHead_ForUnknownGroup_ReturnsNull()
    {
        var (store, _) = await CreateAsync();

        Assert.Null(await store.ReadHeadAsync("hub", "nobody", CancellationToken.None));
        Assert.Empty(await store.ReadAsync("hub", "nobody", 0, 10, CancellationToken.None));
    }

    private async Task<(TableHistoryStore Store, HistoryAppender Appender)> CreateAsync()
    {
        var store = new TableHistoryStore(await azurite.CreateTableAsync(), NullLogger<TableHistoryStore>.Instance);
        var metrics = new FanOutMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        return (store, new HistoryAppender(store, metrics, NullLogger<HistoryAppender>.Instance));
    }

    private static QueuedMessage Message(string group, string json = """{"n":1}""")
    {
        using var data = JsonDocument.Parse(json);
        return new(Guid.NewGuid().ToString("N"), "hub", group, "said", data.RootElement.Clone(),
            new DateTimeOffset(2026, 1, 2, 3, 4, 5, 123, TimeSpan.Zero));
    }
}
