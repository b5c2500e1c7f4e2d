using FanOut.Core.Messages;
using FanOut.Core.Publishing;
using FanOut.LocalHost.QueueTrigger;
using FanOut.UnitTests.Core;
using Moq;

namespace FanOut.UnitTests.LocalHost;

public class PublishBackpressureTests
{
    [Fact]
    public async Task Enqueue_BeyondTheBacklog_WaitsUntilADeliveryLeavesTheQueue()
    {
        using var backpressure = new PublishBackpressure(limit: 2);
        using var wakeup = new QueueWakeup();
        var queue = new WakingDeliveryQueue(Mock.Of<IDeliveryQueue>(), wakeup, backpressure);

        await queue.EnqueueAsync(Messages.Queued(), default);
        await queue.EnqueueAsync(Messages.Queued(), default);
        var third = queue.EnqueueAsync(Messages.Queued(), default);
        await Task.Delay(100);
        Assert.False(third.IsCompleted);

        backpressure.Leave();
        await third.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task FailedEnqueue_GivesItsPlaceBack()
    {
        using var backpressure = new PublishBackpressure(limit: 1);
        using var wakeup = new QueueWakeup();
        var failing = new Mock<IDeliveryQueue>();
        failing.Setup(q => q.EnqueueAsync(It.IsAny<QueuedMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("storage down"));

        await Assert.ThrowsAsync<IOException>(() => new WakingDeliveryQueue(failing.Object, wakeup, backpressure).EnqueueAsync(Messages.Queued(), default));

        Assert.True(await backpressure.EnterAsync(default).WaitAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task MessagesItDidNotCount_LeavingTheQueue_NeverRaiseTheBoundAboveTheLimit()
    {
        using var backpressure = new PublishBackpressure(limit: 1);
        backpressure.Leave(); // a message from before a restart
        backpressure.Leave();

        Assert.True(await backpressure.EnterAsync(default));
        var second = backpressure.EnterAsync(default);
        await Task.Delay(100);
        Assert.False(second.IsCompleted);
        backpressure.Leave();
        Assert.True(await second.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task NoBound_NeverWaits()
    {
        using var backpressure = new PublishBackpressure(limit: 0);

        Assert.False(await backpressure.EnterAsync(default));
        backpressure.Leave();
    }
}
