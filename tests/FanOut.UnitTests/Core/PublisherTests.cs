using System.Collections.Concurrent;
using FanOut.Core;
using FanOut.Core.Messages;
using FanOut.Core.Publishing;
using FanOut.Core.Validation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FanOut.UnitTests.Core;

public class PublisherTests
{
    private readonly ConcurrentQueue<QueuedMessage> _enqueued = new();
    private readonly FakeIdempotencyStore _keys = new();
    private readonly FakePayloadStore _payloads = new();
    private readonly FakeTimeProvider _clock = new(Messages.SentAt);
    private Func<QueuedMessage, Task> _enqueue;

    public PublisherTests() => _enqueue = m =>
    {
        _enqueued.Enqueue(m);
        return Task.CompletedTask;
    };

    private Publisher CreatePublisher()
    {
        var queue = new Moq.Mock<IDeliveryQueue>();
        queue.Setup(q => q.EnqueueAsync(Moq.It.IsAny<QueuedMessage>(), Moq.It.IsAny<CancellationToken>()))
            .Returns<QueuedMessage, CancellationToken>((m, _) => _enqueue(m));
        var gate = new IdempotencyGate(_keys, Options.Create(new FanOutOptions()), _clock, NullLogger<IdempotencyGate>.Instance);
        return new Publisher(queue.Object, _payloads, gate, _clock, TestMetrics.Create(), NullLogger<Publisher>.Instance);
    }

    private static PublishCommand Command(string hub = "chat", string group = "general", string? @event = "message", string data = """{"text":"hi"}""", string? key = null) =>
        new(hub, group, @event, Messages.Json(data), key);

    [Fact]
    public async Task Publish_ValidMessage_EnqueuesExactlyOnceWithANewId()
    {
        var result = await CreatePublisher().PublishAsync(Command(), default);

        var enqueued = Assert.Single(_enqueued);
        Assert.Equal(enqueued.Id, result.Accepted!.Id);
        Assert.Equal(32, enqueued.Id.Length);
        Assert.Equal("""{"text":"hi"}""", enqueued.Data.ToString());
        Assert.False(result.Accepted.Replayed);
    }

    [Fact]
    public async Task Publish_ToAMixedCaseHub_UsesTheHubsOneSpelling() =>
        Assert.Equal("chat_room", (await CreatePublisher().PublishAsync(Command(hub: "Chat_Room"), default)).Accepted!.Hub);

    [Theory]
    [InlineData("1bad", "general", "message", null, RejectionCodes.InvalidHub)]
    [InlineData("chat", "bad/group", "message", null, RejectionCodes.InvalidGroup)]
    [InlineData("chat", "general", "bad event", null, RejectionCodes.InvalidEvent)]
    [InlineData("chat", "general", null, null, RejectionCodes.MissingEvent)]
    [InlineData("chat", "general", "message", "", RejectionCodes.InvalidIdempotencyKey)]
    [InlineData("chat", "general", "message", "has space", RejectionCodes.InvalidIdempotencyKey)]
    [InlineData("chat", "general", "message", "ключ", RejectionCodes.InvalidIdempotencyKey)]
    public async Task Publish_InvalidInput_IsRejectedAndNothingIsEnqueued(string hub, string group, string? @event, string? key, string code)
    {
        var result = await CreatePublisher().PublishAsync(Command(hub, group, @event, key: key), default);

        Assert.Equal(code, result.Rejected?.Code);
        Assert.Empty(_enqueued);
    }

    [Fact]
    public async Task Publish_WithDuplicateIdempotencyKey_EnqueuesOnceAndAnswersTheFirstId()
    {
        var publisher = CreatePublisher();

        var first = await publisher.PublishAsync(Command(key: "order-17"), default);
        var second = await publisher.PublishAsync(Command(key: "order-17"), default);

        Assert.Single(_enqueued);
        Assert.Equal(first.Accepted!.Id, second.Accepted!.Id);
        Assert.True(second.Accepted.Replayed);
        Assert.True(_keys["chat", "order-17"]!.Accepted);
    }

    [Fact]
    public async Task Publish_HundredConcurrentRequestsWithOneKey_EnqueueOneMessage()
    {
        var publisher = CreatePublisher();
        _enqueue = async m =>
        {
            await Task.Delay(30);
            _enqueued.Enqueue(m);
        };

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => publisher.PublishAsync(Command(key: "burst"), default))));

        Assert.Single(_enqueued);
        Assert.Single(results.Select(r => r.Accepted!.Id).Distinct());
        Assert.Equal(99, results.Count(r => r.Accepted!.Replayed));
    }

    [Fact]
    public async Task Publish_SameKeyWithAnotherBody_IsRefusedWith422Code()
    {
        var publisher = CreatePublisher();
        await publisher.PublishAsync(Command(key: "k1"), default);

        var other = await publisher.PublishAsync(Command(data: """{"text":"something else"}""", key: "k1"), default);

        Assert.Equal(RejectionCodes.IdempotencyKeyReused, other.Rejected?.Code);
        Assert.Single(_enqueued);
    }

    [Fact]
    public async Task Publish_SameKeyInAnotherHub_IsAnotherMessage()
    {
        var publisher = CreatePublisher();
        var a = await publisher.PublishAsync(Command(hub: "chat", key: "k"), default);
        var b = await publisher.PublishAsync(Command(hub: "news", key: "k"), default);

        Assert.NotEqual(a.Accepted!.Id, b.Accepted!.Id);
        Assert.Equal(2, _enqueued.Count);
    }

    [Fact]
    public async Task Publish_WhenEnqueueFails_ReleasesTheKeySoARetrySucceeds()
    {
        var publisher = CreatePublisher();
        _enqueue = _ => throw new TimeoutException("queue down");
        await Assert.ThrowsAsync<TimeoutException>(() => publisher.PublishAsync(Command(key: "retry-me"), default));
        _enqueue = m =>
        {
            _enqueued.Enqueue(m);
            return Task.CompletedTask;
        };

        var retry = await publisher.PublishAsync(Command(key: "retry-me"), default);

        Assert.False(retry.Accepted!.Replayed);
        Assert.Single(_enqueued);
    }

    [Fact]
    public async Task Publish_AfterAnUnconfirmedClaimTimesOut_TakesItOverWithTheSameMessageId()
    {
        var publisher = CreatePublisher();
        var hash = IdempotencyGate.RequestHash(new QueuedMessage("x", "chat", "general", "message", Messages.Json("""{"text":"hi"}"""), Messages.SentAt));
        _keys.Seed(new IdempotencyRecord("chat", "crashed", hash, "first-id", "general", Accepted: false, _clock.GetUtcNow()));
        _clock.Advance(IdempotencyGate.PendingTimeout);

        var result = await publisher.PublishAsync(Command(key: "crashed"), default);

        Assert.Equal("first-id", result.Accepted!.Id);
        Assert.Equal("first-id", Assert.Single(_enqueued).Id);
        Assert.True(_keys["chat", "crashed"]!.Accepted);
    }

    [Fact]
    public async Task Publish_AfterTheWindow_TheKeyIsFreeAgain()
    {
        var publisher = CreatePublisher();
        var first = await publisher.PublishAsync(Command(key: "daily"), default);
        _clock.Advance(new FanOutOptions().IdempotencyWindow);

        var later = await publisher.PublishAsync(Command(data: "2", key: "daily"), default);

        Assert.NotEqual(first.Accepted!.Id, later.Accepted!.Id);
        Assert.Equal(2, _enqueued.Count);
    }

    [Fact]
    public async Task Publish_WithANewKey_DeletesRecordsOlderThanTheWindow_AtMostOncePerSweepInterval()
    {
        var publisher = CreatePublisher();
        await publisher.PublishAsync(Command(key: "old"), default);
        _clock.Advance(new FanOutOptions().IdempotencyWindow + TimeSpan.FromMinutes(1));

        await publisher.PublishAsync(Command(key: "new"), default);
        Assert.Null(_keys["chat", "old"]);
        Assert.NotNull(_keys["chat", "new"]);

        _keys.Seed(new IdempotencyRecord("chat", "older", "h", "m", "general", Accepted: true, Messages.SentAt));
        await publisher.PublishAsync(Command(key: "newer"), default);
        Assert.NotNull(_keys["chat", "older"]);

        _clock.Advance(IdempotencyGate.SweepInterval);
        await publisher.PublishAsync(Command(key: "newest"), default);
        Assert.Null(_keys["chat", "older"]);
    }

    [Fact]
    public async Task Publish_DataTooLargeForAQueueMessage_GoesToThePayloadStoreAndTheQueueCarriesItsReference()
    {
        var data = "\"" + new string('x', FanOutOptions.MaxQueuedBodyBytes) + "\"";

        var result = await CreatePublisher().PublishAsync(Command(data: data), default);

        var enqueued = Assert.Single(_enqueued);
        Assert.Equal("null", enqueued.Data.ToString());
        Assert.Equal(data, _payloads.Payloads[enqueued.DataRef!].ToString());
        Assert.Equal(result.Accepted!.Id, enqueued.Id);
    }
}
