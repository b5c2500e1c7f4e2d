using System.Collections.Concurrent;
using System.Text;
using Azure.Storage.Queues;
using FanOut.LocalHost.QueueTrigger;
using FanOut.Storage.Queues;
using FanOut.Testing.Azurite;
using Microsoft.Extensions.Logging.Abstractions;

namespace FanOut.IntegrationTests.QueueTrigger;

/// <summary>The local listener keeps the Functions queue-trigger contract, against a real Azurite.</summary>
public class QueueTriggerListenerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

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
        await queue.SendMessageAsync(BinaryData.FromString("""{"n":1}"""));

        await RunUntilAsync(queue, poison, Options(), (body, _) =>
        {
            handled.Add(Encoding.UTF8.GetString(body.Span));
            return Task.CompletedTask;
        }, async () => handled.Count == 1 && await CountAsync(queue) == 0);

        Assert.Equal(["""{"n":1}"""], handled);
        Assert.Equal(0, await CountAsync(poison));
    }

    [Fact]
    public async Task FailingMessage_IsRetriedMaxDequeueCountTimes_ThenMovedToPoisonUnchanged()
    {
        var (queue, poison) = (await azurite.CreateQueueAsync(), await azurite.CreateQueueAsync());
        var attempts = 0;
        await queue.SendMessageAsync(BinaryData.FromString("""{"n":"poison"}"""));

        await RunUntilAsync(queue, poison, Options(maxDequeueCount: 3), (_, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("delivery failed");
        }, async () => await CountAsync(poison) == 1);

        var poisoned = (await poison.ReceiveMessageAsync()).Value;
        Assert.Equal("""{"n":"poison"}""", poisoned.Body.ToString());
        Assert.Equal(3, attempts);
        Assert.Empty((await queue.ReceiveMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task MessageThatFailsOnce_IsDeliveredOnRetry_AndNotPoisoned()
    {
        var (queue, poison) = (await azurite.CreateQueueAsync(), await azurite.CreateQueueAsync());
        var attempts = 0;
        await queue.SendMessageAsync(BinaryData.FromString("{}"));

        await RunUntilAsync(queue, poison, Options(), (_, _) =>
            Interlocked.Increment(ref attempts) == 1 ? throw new InvalidOperationException("transient") : Task.CompletedTask,
            async () => attempts >= 2 && await CountAsync(queue) == 0);

        Assert.Equal(2, attempts);
        Assert.Equal(0, await CountAsync(poison));
    }

    [Fact]
    public async Task ManyMessages_AreAllHandledExactlyOnce()
    {
        var (queue, poison) = (await azurite.CreateQueueAsync(), await azurite.CreateQueueAsync());
        var handled = new ConcurrentDictionary<string, int>();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => queue.SendMessageAsync(BinaryData.FromString(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))));

        await RunUntilAsync(queue, poison, Options(), (body, _) =>
        {
            handled.AddOrUpdate(Encoding.UTF8.GetString(body.Span), 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }, async () => handled.Count == 40 && await CountAsync(queue) == 0);

        Assert.All(handled.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task MessageProcessedLongerThanItsLease_IsNotHandedOutTwice()
    {
        var (queue, poison) = (await azurite.CreateQueueAsync(), await azurite.CreateQueueAsync());
        var attempts = 0;
        await queue.SendMessageAsync(BinaryData.FromString("slow"));

        await RunUntilAsync(queue, poison, Options(), async (_, _) =>
        {
            Interlocked.Increment(ref attempts);
            await Task.Delay(TimeSpan.FromSeconds(10), CancellationToken.None);
        }, async () => attempts >= 1 && await CountAsync(queue) == 0, lease: TimeSpan.FromSeconds(6));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task MessagesOfAListenerThatStoppedMidway_ComeBackAfterTheLease()
    {
        var (queue, poison) = (await azurite.CreateQueueAsync(), await azurite.CreateQueueAsync());
        await queue.SendMessageAsync(BinaryData.FromString("orphan"));
        var received = await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(2));
        Assert.Single(received.Value);

        // Nobody renews or deletes it, as after a kill -9: it is visible again once the lease ends.
        var handled = 0;
        await RunUntilAsync(queue, poison, Options(), (_, _) =>
        {
            Interlocked.Increment(ref handled);
            return Task.CompletedTask;
        }, async () => handled == 1 && await CountAsync(queue) == 0);
    }

    private static async Task<int> CountAsync(QueueClient queue) => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    private static async Task RunUntilAsync(
        QueueClient queue, QueueClient poison, QueueTriggerOptions options,
        Func<ReadOnlyMemory<byte>, CancellationToken, Task> handler, Func<Task<bool>> done, TimeSpan? lease = null)
    {
        using var wakeup = new QueueWakeup();
        using var stop = new CancellationTokenSource();
        var listener = new QueueTriggerListener(queue, poison, options, handler, wakeup, NullLogger.Instance, lease);
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
