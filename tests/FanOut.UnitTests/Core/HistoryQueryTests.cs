using FanOut.Core;
using FanOut.Core.History;
using FanOut.Core.Messages;
using FanOut.Core.Validation;
using Microsoft.Extensions.Options;

namespace FanOut.UnitTests.Core;

public class HistoryQueryTests
{
    private readonly FakeHistoryStore _store = new();
    private readonly HistoryQuery _query;

    public HistoryQueryTests() =>
        _query = new HistoryQuery(_store, new FakePayloadStore(), Options.Create(new FanOutOptions { DefaultPageSize = 2, MaxPageSize = 10 }));

    private async Task AppendAsync(int count)
    {
        var writer = new HistoryWriter(_store, TestMetrics.Create());
        for (var i = 0; i < count; i++)
        {
            await writer.AppendAsync(null, [new QueuedMessage($"m{i}", "chat", "general", "message", Messages.Json("0"), DateTimeOffset.UnixEpoch)], default);
        }
    }

    [Fact]
    public async Task Read_OfAGroupWithoutHistory_IsEmptyWithNoEpoch()
    {
        var (page, _) = await _query.ReadAsync("chat", "general", 0, null, default);

        Assert.Empty(page!.Messages);
        Assert.Null(page.Epoch);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Read_AMessageWhoseLargeDataIsGone_IsListedWithNullDataMarkedExpired()
    {
        var writer = new HistoryWriter(_store, TestMetrics.Create());
        await writer.AppendAsync(null, [new QueuedMessage("big", "chat", "general", "message", RawJson.Null, DateTimeOffset.UnixEpoch) { DataRef = "chat/big" }], default);
        await AppendAsync(1);

        var (page, _) = await _query.ReadAsync("chat", "general", 0, 10, default);

        Assert.Equal(["big", "m0"], page!.Messages.Select(m => m.Id));
        Assert.True(page.Messages[0].DataExpired);
        Assert.Equal("null", page.Messages[0].Data.ToString());
        Assert.Contains("\"dataExpired\":true", System.Text.Encoding.UTF8.GetString(MessageJson.SerializeToUtf8Bytes(page.Messages[0])), StringComparison.Ordinal);
        Assert.DoesNotContain("dataExpired", System.Text.Encoding.UTF8.GetString(MessageJson.SerializeToUtf8Bytes(page.Messages[1])), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_PagesInAscendingOffsetsAndPointsToTheNextPage()
    {
        await AppendAsync(5);

        var (first, _) = await _query.ReadAsync("chat", "general", 0, null, default);
        var (second, _) = await _query.ReadAsync("chat", "general", first!.Next!.Value, null, default);
        var (last, _) = await _query.ReadAsync("chat", "general", second!.Next!.Value, null, default);

        Assert.Equal([1, 2], first.Messages.Select(m => m.Offset));
        Assert.Equal([3, 4], second.Messages.Select(m => m.Offset));
        Assert.Equal([5], last!.Messages.Select(m => m.Offset));
        Assert.Null(last.Next);
    }

    [Fact]
    public async Task Read_AFullLastPage_HasNoNext()
    {
        await AppendAsync(2);

        var (page, _) = await _query.ReadAsync("chat", "general", 0, 2, default);

        Assert.Null(page!.Next);
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(0, 0)]
    [InlineData(0, 11)]
    public async Task Read_WithOutOfRangePaging_IsRejected(long after, int? limit)
    {
        var (page, rejection) = await _query.ReadAsync("chat", "general", after, limit, default);

        Assert.Null(page);
        Assert.Equal(RejectionCodes.InvalidQuery, rejection?.Code);
    }
}
