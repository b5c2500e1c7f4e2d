using System.Collections.Concurrent;
using System.Text;
using FanOut.LocalHost.QueueTrigger;
using FanOut.Storage.Queues;
using FanOut.Testing.Azurite;
using Microsoft.Extensions.Logging.Abstractions;

namespace FanOut.IntegrationTests.QueueTrigger;

/// <summary>The local listener keeps the Functions queue-trigger contract, against a real Azurite.</summary>
public class QueueTriggerListenerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static QueueTriggerOptions Options(int maxDequeueCount = 5) => new()
    {
        BatchSize = 4,
        MaxPollingInterval = TimeSpan.FromMilliseconds(200),
        VisibilityTimeout = TimeSpan.Zero,
        MaxDequeueCount = maxDequeueCount,
    };

    [Fact]
    public async Task HandledMessage_IsDecodedFromBase64_AndDeleted()
    {
        var (queue, poison) = (await azurite.CreateQueueAsync(), await azurite.CreateQueueAsync());
        var handled = new ConcurrentBag<string>();
        await queue.SendAsync(Convert.ToBase64String("""{"n":1}"""u8));

        await RunUntilAsync(queue, poison, Options(), (body, _) =>
        {
            handled.Add(Encoding.UTF8.GetString(body.Span));
            return Task.CompletedTask;
        }, async () => handled.Count == 1 && await queue.GetApproximateCountAsync() == 0);

        Assert.Equal(["""{"n":1}"""], handled);
        Assert.Equal(0, await poison.GetApproximateCountAsync());
    }

    [Fact]
    public async Task FailingMessage_IsRetriedMaxDequeueCountTimes_ThenMovedToPoisonUnchanged()
    {
        var (queue, poison) = (await azurite.CreateQueueAsync(), await azurite.CreateQueueAsync());
        var attempts = 0;
        var text = Convert.ToBase64String("""{"n":"poison"}"""u8);
        await queue.SendAsync(text);

        await RunUntilAsync(queue, poison, Options(maxDequeueCount: 3), (_, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("delivery failed");
        }, async () => await poison.GetApproximateCountAsync() == 1);

        var poisoned = await poison.ReceiveAsync(1, TimeSpan.FromSeconds(30));
        Assert.Equal(text, Assert.Single(poisoned).Text);
        Assert.Equal(3, attempts);
        Assert.Empty(await queue.ReceiveAsync(32, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task MessageThatFailsOnce_IsDeliveredOnRetry_AndNotPoisoned()
    {
        var (queue, poison) = (await azurite.CreateQueueAsync(), await azurite.CreateQueueAsync());
        var attempts = 0;
        await queue.SendAsync(Convert.ToBase64String("{}"u8));

        await RunUntilAsync(queue, poison, Options(), (_, _) =>
            Interlocked.Increment(ref attempts) == 1 ? throw new InvalidOperationException("transient") : Task.CompletedTask,
            async () => attempts >= 2 && await queue.GetApproximateCountAsync() == 0);

        Assert.Equal(2, attempts);
        Assert.Equal(0, await poison.GetApproximateCountAsync());
    }

    [Fact]
    public async Task ManyMessages_AreAllHandledExactlyOnce()
    {
        var (queue, poison) = (await azurite.CreateQueueAsync(), await azurite.CreateQueueAsync());
        var handled = new ConcurrentDictionary<string, int>();
        for (var i = 0; i < 40; i++)
        {
            await queue.SendAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        await RunUntilAsync(queue, poison, Options(), (body, _) =>
        {
            handled.AddOrUpdate(Encoding.UTF8.GetString(body.Span), 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }, async () => handled.Count == 40 && await queue.GetApproximateCountAsync() == 0);

        Assert.All(handled.Values, n => Assert.Equal(1, n));
    }

    private static async Task RunUntilAsync(
        QueueClient queue, QueueClient poison, QueueTriggerOptions options,
        Func<ReadOnlyMemory<byte>, CancellationToken, Task> handler, Func<Task<bool>> done)
    {
        using var wakeup = new QueueWakeup();
        using var stop = new CancellationTokenSource();
        var listener = new QueueTriggerListener(queue, poison, options, handler, wakeup, NullLogger.Instance);
        var running = listener.RunAsync(stop.Token);

        var deadline = DateTime.UtcNow + Patience;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "The listener did not get there in time.");
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await running;
    }
}
