using System.Text;
using Azure.Data.Tables;
using FanOut.Core.Delivery;
using FanOut.Core.Diagnostics;
using FanOut.Core.History;
using FanOut.Core.Messages;
using FanOut.Storage.History;
using FanOut.Testing.Azurite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static FanOut.IntegrationTests.Storage.HistoryTestTable;

namespace FanOut.IntegrationTests.Storage;

public sealed class TableHistoryStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Commit_ABatch_StoresConsecutiveOffsetsAndTheHeadsNewETagWorksForTheNextCommit()
    {
        var (store, writer) = await CreateAsync();

        var (head, first) = await writer.AppendAsync(null, [Message("g"), Message("g"), Message("g")], CancellationToken.None);
        var (_, second) = await writer.AppendAsync(head, [Message("g")], CancellationToken.None);

        Assert.Equal([1, 2, 3, 4], first.Concat(second).Select(r => r.Envelope.Offset));
        Assert.Equal(4, (await store.ReadHeadAsync("hub", "g", CancellationToken.None))?.LastOffset);
    }

    [Fact]
    public async Task TryCommit_WithStaleHead_StoresNothing()
    {
        var (store, writer) = await CreateAsync();
        var (stale, _) = await writer.AppendAsync(null, [Message("g")], CancellationToken.None);
        await writer.AppendAsync(stale, [Message("g")], CancellationToken.None);
        var late = Message("g");

        var committed = await store.TryCommitAsync(stale, [late.ToEnvelope(2, stale.Epoch)], CancellationToken.None);

        Assert.Null(committed);
        Assert.Empty(await store.FindAsync("hub", "g", [late.Id], CancellationToken.None));
    }

    [Fact]
    public async Task TryCommit_WithARedeliveredMessage_StoresNothingOfTheBatch()
    {
        var (store, writer) = await CreateAsync();
        var stored = Message("g");
        var (head, _) = await writer.AppendAsync(null, [stored], CancellationToken.None);
        var fresh = Message("g");

        var committed = await store.TryCommitAsync(head, [fresh.ToEnvelope(2, head.Epoch), stored.ToEnvelope(3, head.Epoch)], CancellationToken.None);

        Assert.Null(committed);
        Assert.Equal([stored.Id], (await store.FindAsync("hub", "g", [fresh.Id, stored.Id], CancellationToken.None)).Keys);
        Assert.Single(await store.ReadAsync("hub", "g", 0, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Deliver_FromTwoProcessesAtOnce_GivesOneToNWithoutGapsOrDuplicates()
    {
        var table = await azurite.CreateTableAsync();
        var (one, two) = (CreateDeliverer(table), CreateDeliverer(table));
        var messages = Enumerable.Range(0, 150).Select(_ => Message("busy")).ToList();

        var results = await Task.WhenAll(messages.Select((m, i) => (i % 2 == 0 ? one : two).DeliverAsync(m, CancellationToken.None)));
        var history = await new TableHistoryStore(table).ReadAsync("hub", "busy", 0, 1000, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 150).Select(i => (long)i), results.Select(r => r.Offset).Order());
        Assert.Equal(Enumerable.Range(1, 150).Select(i => (long)i), history.Select(e => e.Offset));
        Assert.Equal(messages.Select(m => m.Id).Order(), history.Select(e => e.Id).Order());
    }

    [Fact]
    public async Task Read_PagesInOffsetOrderAndKeepsGroupsApart()
    {
        var (store, writer) = await CreateAsync();
        await writer.AppendAsync(null, Enumerable.Range(0, 12).Select(_ => Message("a")).ToList(), CancellationToken.None);
        await writer.AppendAsync(null, [Message("b")], CancellationToken.None);

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
    public async Task Commit_OfFullSized47KiBMessages_KeepsDataByteForByte()
    {
        var (store, writer) = await CreateAsync();
        var json = "{ \"text\" : \"" + string.Concat(Enumerable.Repeat("ü🎉", (47 * 1024 / 6) - 4)) + "\" }";
        var batch = Enumerable.Range(0, 20).Select(_ => Message("big", json)).ToList();

        await writer.AppendAsync(null, batch, CancellationToken.None);
        var found = await store.FindAsync("hub", "big", [batch[7].Id], CancellationToken.None);

        Assert.Equal(json, found[batch[7].Id].Data.ToString());
        Assert.Equal(batch[7].SentAt, found[batch[7].Id].SentAt);
        Assert.Equal(20, (await store.ReadAsync("hub", "big", 0, 100, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Read_OfARowWhoseDataIsNotJson_AnswersNullDataInsteadOfFailing()
    {
        var table = await azurite.CreateTableAsync();
        var store = new TableHistoryStore(table);
        var (head, _) = await new HistoryWriter(store, CreateMetrics()).AppendAsync(null, [Message("g")], CancellationToken.None);
        var corrupt = await table.GetEntityAsync<TableEntity>(HistoryRows.PartitionKey("hub", "g"), HistoryRows.OffsetRowKey(1));
        corrupt.Value["Data"] = Encoding.UTF8.GetBytes("{\"x\":\"\\ud800\"}");
        await table.UpdateEntityAsync(corrupt.Value, corrupt.Value.ETag);

        var page = await store.ReadAsync("hub", "g", 0, 10, CancellationToken.None);

        Assert.Equal("null", Assert.Single(page).Data.ToString());
        Assert.Equal(1, head.LastOffset);
    }

    [Fact]
    public async Task ReadHead_ForUnknownGroup_ReturnsNull()
    {
        var (store, _) = await CreateAsync();

        Assert.Null(await store.ReadHeadAsync("hub", "nobody", CancellationToken.None));
        Assert.Empty(await store.ReadAsync("hub", "nobody", 0, 10, CancellationToken.None));
    }

    private FanOutMetrics CreateMetrics() => new(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());

    private async Task<(TableHistoryStore Store, HistoryWriter Writer)> CreateAsync()
    {
        var history = await HistoryTestTable.CreateAsync(azurite, CreateMetrics());
        return (history.Store, history.Writer);
    }

    private Deliverer CreateDeliverer(TableClient table)
    {
        var metrics = CreateMetrics();
        return new Deliverer(
            new HistoryWriter(new TableHistoryStore(table), metrics),
            new NoBroadcast(),
            azurite.Services.GetRequiredService<FanOut.Core.Publishing.IPayloadStore>(),
            new DeliveryObserver(metrics, TimeProvider.System),
            NullLogger<Deliverer>.Instance);
    }

    private sealed class NoBroadcast : IBroadcaster
    {
        public Task BroadcastAsync(Envelope envelope, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
