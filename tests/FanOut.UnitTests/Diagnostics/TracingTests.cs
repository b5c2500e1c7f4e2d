using System.Collections.Concurrent;
using System.Diagnostics;
using FanOut.Api.Diagnostics;
using FanOut.Core;
using FanOut.Core.Delivery;
using FanOut.Core.Diagnostics;
using FanOut.Core.History;
using FanOut.Core.Messages;
using FanOut.Core.Publishing;
using FanOut.UnitTests.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FanOut.UnitTests.Diagnostics;

public sealed class TracingTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public TracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FanOutTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Delivery_ContinuesThePublishersTrace_ThroughTheQueueMessage()
    {
        QueuedMessage? enqueued = null;
        var queue = new Moq.Mock<IDeliveryQueue>();
        queue.Setup(q => q.EnqueueAsync(Moq.It.IsAny<QueuedMessage>(), Moq.It.IsAny<CancellationToken>()))
            .Callback<QueuedMessage, CancellationToken>((m, _) => enqueued = m)
            .Returns(Task.CompletedTask);
        var publisher = new Publisher(
            queue.Object, new FakePayloadStore(),
            new IdempotencyGate(new FakeIdempotencyStore(), Options.Create(new FanOutOptions()), TimeProvider.System, NullLogger<IdempotencyGate>.Instance),
            TimeProvider.System, TestMetrics.Create(), NullLogger<Publisher>.Instance);
        var deliverer = new Deliverer(
            new HistoryWriter(new FakeHistoryStore(), TestMetrics.Create()), new RecordingBroadcaster(), new FakePayloadStore(),
            new DeliveryObserver(TestMetrics.Create(), TimeProvider.System), NullLogger<Deliverer>.Instance);

        var receipt = (await publisher.PublishAsync(new PublishCommand("chat", "general", "message", Messages.Json("1"), null), default)).Accepted!;
        await deliverer.DeliverAsync(MessageJson.SerializeToUtf8Bytes(enqueued!), default);

        var spans = _stopped.Where(a => Equals(a.GetTagItem("messaging.message.id"), receipt.Id)).ToList();
        var publish = Assert.Single(spans, a => a.Kind == ActivityKind.Producer);
        var deliver = Assert.Single(spans, a => a.Kind == ActivityKind.Consumer);
        Assert.Equal(publish.Id, enqueued!.TraceParent);
        Assert.Equal(publish.TraceId, deliver.TraceId);
        Assert.Equal(publish.SpanId, deliver.ParentSpanId);
        Assert.Equal(1L, deliver.GetTagItem("fanout.offset"));
    }

    [Fact]
    public async Task Delivery_OfAMessageWithoutTraceContext_StartsItsOwnTrace()
    {
        var deliverer = new Deliverer(
            new HistoryWriter(new FakeHistoryStore(), TestMetrics.Create()), new RecordingBroadcaster(), new FakePayloadStore(),
            new DeliveryObserver(TestMetrics.Create(), TimeProvider.System), NullLogger<Deliverer>.Instance);
        var message = Messages.Queued() with { TraceParent = "not a traceparent" };

        await deliverer.DeliverAsync(message, default);

        var deliver = Assert.Single(_stopped, a => Equals(a.GetTagItem("messaging.message.id"), message.Id));
        Assert.Equal(default, deliver.ParentSpanId);
    }

    [Theory]
    [InlineData("Authorization=AAD;ClientId=1b2c", "1b2c")]
    [InlineData("ClientId=1b2c; Authorization=aad", "1b2c")]
    [InlineData("Authorization=AAD", null)]
    [InlineData("ClientId=1b2c", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void AzureMonitorIdentity_IsTheClientIdOfAnAadAuthenticationString(string? authentication, string? clientId) =>
        Assert.Equal(clientId, TelemetryHostingExtensions.AzureMonitorClientId(authentication));
}
