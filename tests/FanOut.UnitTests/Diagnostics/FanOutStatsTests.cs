using System.Diagnostics.Metrics;
using System.Text;
using FanOut.Core.Diagnostics;
using FanOut.Core.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FanOut.UnitTests.Diagnostics;

/// <summary>
/// The dashboard's aggregator reads the <c>FanOut</c> meter of its own meter factory: counts per hub and code,
/// a sliding window, lag percentiles, and recent deliveries. Each test has its own meter factory, so tests
/// running in parallel never count each other's measurements.
/// </summary>
public sealed class FanOutStatsTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly RecentDeliveries _deliveries = new();
    private readonly FanOutMetrics _metrics;
    private readonly FanOutStats _stats;

    public FanOutStatsTests()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        _metrics = new FanOutMetrics(factory);
        _stats = new FanOutStats(factory, _deliveries, _clock);
    }

    [Fact]
    public void Snapshot_CountsWhatTheMeterRecorded_InTotalWindowAndSeries()
    {
        _metrics.Published("chat");
        _metrics.Published("chat");
        _clock.Advance(TimeSpan.FromSeconds(1));
        _metrics.Published("news");
        _metrics.Delivered("chat", TimeSpan.FromMilliseconds(5));

        var snapshot = _stats.Snapshot();

        var published = snapshot.Counters["published"];
        Assert.Equal(3, published.Total);
        Assert.Equal(3, published.InWindow);
        Assert.Equal(0.05, published.PerSecond);
        Assert.Equal(FanOutStats.WindowSeconds, published.Series.Count);
        Assert.Equal([2L, 1L], published.Series.TakeLast(2));
        Assert.Equal(1, snapshot.Counters["delivered"].Total);
    }

    [Fact]
    public void Snapshot_SplitsPublishedAndDeliveredByHub()
    {
        _metrics.Published("chat");
        _metrics.Published("news");
        _metrics.Published("news");
        _metrics.Delivered("news", TimeSpan.FromMilliseconds(3));

        var hubs = _stats.Snapshot().Hubs.ToDictionary(h => h.Name);

        Assert.Equal(1, hubs["chat"].Published);
        Assert.Equal(2, hubs["news"].Published);
        Assert.Equal(1, hubs["news"].Delivered);
    }

    [Fact]
    public void Snapshot_CountsRejectionsByCode()
    {
        _metrics.Rejected("invalid_event");
        _metrics.Rejected("invalid_event");
        _metrics.Rejected("payload_too_large");

        var snapshot = _stats.Snapshot();

        Assert.Equal(3, snapshot.Counters["rejected"].InWindow);
        Assert.Equal(2, snapshot.RejectedByCode["invalid_event"]);
        Assert.Equal(1, snapshot.RejectedByCode["payload_too_large"]);
    }

    [Fact]
    public void Snapshot_ForgetsWhatLeftTheWindow_ButKeepsTheTotal()
    {
        _metrics.Published("chat");
        _metrics.Delivered("chat", TimeSpan.FromMilliseconds(40));
        _clock.Advance(TimeSpan.FromSeconds(FanOutStats.WindowSeconds));
        _metrics.Published("chat");

        var snapshot = _stats.Snapshot();

        Assert.Equal(2, snapshot.Counters["published"].Total);
        Assert.Equal(1, snapshot.Counters["published"].InWindow);
        Assert.Equal(0, snapshot.Counters["delivered"].InWindow);
        Assert.Equal(0, snapshot.LagMs.Count);
    }

    [Fact]
    public void Snapshot_GivesLagPercentilesOverTheWindow_AndPerSecond()
    {
        for (var ms = 1; ms <= 100; ms++)
        {
            _metrics.Delivered("chat", TimeSpan.FromMilliseconds(ms));
        }

        _clock.Advance(TimeSpan.FromSeconds(1));
        _metrics.Delivered("chat", TimeSpan.FromMilliseconds(500));

        var snapshot = _stats.Snapshot();

        Assert.Equal(new Percentiles(P50: 51, P90: 91, P99: 100, Max: 500, Count: 101), snapshot.LagMs);
        Assert.Equal(50, snapshot.LagP50Series[^2]);
        Assert.Equal(500, snapshot.LagP99Series[^1]);
        Assert.Null(snapshot.LagP50Series[0]);
    }

    [Fact]
    public void Snapshot_IgnoresTheFanOutMeterOfAnotherMeterFactory()
    {
        using var otherServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var other = new FanOutMetrics(otherServices.GetRequiredService<IMeterFactory>());

        other.Published("chat");
        other.Delivered("chat", TimeSpan.FromMilliseconds(1));

        var snapshot = _stats.Snapshot();
        Assert.Equal(0, snapshot.Counters["published"].Total);
        Assert.Equal(0, snapshot.LagMs.Count);
    }

    [Fact]
    public void Snapshot_ListsNewestDeliveriesFirst_AndActiveGroupsByHub()
    {
        _deliveries.Add(Envelope("general", 1, """{"text":"first"}"""), Start, TimeSpan.FromMilliseconds(4), redelivered: false);
        _clock.Advance(TimeSpan.FromSeconds(2));
        _deliveries.Add(Envelope("random", 7, """{"text":"second"}"""), Start.AddSeconds(2), TimeSpan.FromMilliseconds(6), redelivered: true);

        var snapshot = _stats.Snapshot(recent: 10);

        Assert.Equal(["random", "general"], snapshot.Recent.Select(r => r.Group));
        Assert.True(snapshot.Recent[0].Redelivered);
        Assert.Equal("""{"text":"second"}""", snapshot.Recent[0].Preview);
        var chat = Assert.Single(snapshot.Hubs);
        Assert.Equal(["random", "general"], chat.Groups.Select(g => g.Name));
        Assert.Equal(7, chat.Groups[0].LastOffset);
        Assert.Equal(1, chat.Groups[0].Messages);
    }

    [Fact]
    public void RecentDeliveries_KeepsOnlyTheNewest_AndShortensLongData()
    {
        var big = "\"" + new string('x', 1000) + "\"";
        for (var i = 1; i <= RecentDeliveries.Capacity + 5; i++)
        {
            _deliveries.Add(Envelope("general", i, big), Start, TimeSpan.Zero, redelivered: false);
        }

        var all = _deliveries.All();

        Assert.Equal(RecentDeliveries.Capacity, all.Count);
        Assert.Equal(6, all[0].Offset);
        Assert.Equal(RecentDeliveries.PreviewChars, all[0].Preview.Length);
        Assert.Equal(1002, all[0].Bytes);
    }

    [Fact]
    public void RollingWindow_TreatsABucketFromAnEarlierLapAsEmpty()
    {
        var window = new RollingWindow(3);
        window.Add(10, 5);
        window.Add(13, 1);

        Assert.Equal([0L, 0L, 1L], window.Series(13));
        Assert.Equal(6, window.Total);
    }

    [Fact]
    public void Percentiles_OfNothing_AreZero()
    {
        Assert.Equal(Percentiles.Empty, Percentiles.Of([], 0));
    }

    public void Dispose()
    {
        _stats.Dispose();
        _services.Dispose();
    }

    private static Envelope Envelope(string group, long offset, string json) =>
        new(Guid.NewGuid().ToString("N"), "chat", group, offset, "epoch", "message", RawJson.FromTrustedUtf8(Encoding.UTF8.GetBytes(json)), Start);
}
