using System.Collections.Concurrent;
using System.Net;
using FanOut.Testing.LocalHost;

namespace FanOut.EndToEndTests;

/// <summary>kill -9 of the host under load loses nothing it accepted and stores nothing twice.</summary>
public class CrashRecoveryTests(LocalHostFixture fixture) : IClassFixture<LocalHostFixture>
{
    private const string Hub = "chat";

    [Fact]
    public async Task KillDuringLoad_EveryAcceptedMessageIsStoredOnceWithGaplessOffsets_WithinAboutThirtySeconds()
    {
        var group = LocalHostFixture.UniqueGroup();
        var accepted = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var publishers = Enumerable.Range(0, 8).Select(_ => PublishUntilAsync(group, accepted, stop.Token)).ToList();

        await WaitUntilAsync(() => accepted.Count >= 150);
        await fixture.Host.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(publishers);
        var killedAt = DateTime.UtcNow;
        await fixture.Host.StartAgainAsync();

        List<JsonElement> messages;
        List<string> ids;
        do
        {
            Assert.True(DateTime.UtcNow - killedAt < TimeSpan.FromSeconds(90), $"Not every accepted message was stored.\n{fixture.Host.Output}");
            await Task.Delay(100);
            messages = (await fixture.HistoryAsync(Hub, group, limit: 1000)).GetProperty("messages").EnumerateArray().ToList();
            ids = messages.Select(m => m.GetProperty("id").GetString()!).ToList();
        }
        while (!accepted.All(ids.Contains));

        var recoveredIn = DateTime.UtcNow - killedAt;

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Subset(ids.ToHashSet(), accepted.ToHashSet());
        Assert.Equal(Enumerable.Range(1, messages.Count).Select(i => (long)i), messages.Select(m => m.GetProperty("offset").GetInt64()));
        Assert.True(recoveredIn < TimeSpan.FromSeconds(45), $"Recovered in {recoveredIn.TotalSeconds:F0} s.");
    }

    private async Task PublishUntilAsync(string group, ConcurrentBag<string> accepted, CancellationToken stop)
    {
        var n = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await fixture.PublishAsync(Hub, group, "load", n++);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    accepted.Add((await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None)).GetProperty("id").GetString()!);
                }
            }
            catch (HttpRequestException)
            {
                // The host died under this request: it may or may not have been accepted; either is allowed.
                return;
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting.");
            await Task.Delay(10);
        }
    }
}
