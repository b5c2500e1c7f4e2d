using System.Text.Json;
using FanOut.Core.Messages;
using FanOut.Core.Publishing;
using FanOut.Core.Validation;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace FanOut.UnitTests.Core;

public class PublisherTests
{
    private readonly Mock<IDeliveryQueue> _queue = new();
    private readonly Publisher _publisher;

    public PublisherTests() =>
        _publisher = new Publisher(_queue.Object, TimeProvider.System, TestMetrics.Create(), NullLogger<Publisher>.Instance);

    private static PublishCommand Command(string hub = "chat", string group = "general", string? @event = "message") =>
        new(hub, group, @event, JsonElement.Parse("""{"text":"hi"}"""));

    [Fact]
    public async Task Publish_ValidMessage_EnqueuesExactlyOnceWithANewId()
    {
        QueuedMessage? enqueued = null;
        _queue.Setup(q => q.EnqueueAsync(It.IsAny<QueuedMessage>(), It.IsAny<CancellationToken>()))
            .Callback<QueuedMessage, CancellationToken>((m, _) => enqueued = m)
            .Returns(Task.CompletedTask);

        var result = await _publisher.PublishAsync(Command(), default);

        _queue.Verify(q => q.EnqueueAsync(It.IsAny<QueuedMessage>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Same(enqueued, result.Accepted);
        Assert.Equal(32, enqueued!.Id.Length);
        Assert.Equal("""{"text":"hi"}""", enqueued.Data.GetRawText());
    }

    [Fact]
    public async Task Publish_ToAMixedCaseHub_UsesTheHubsOneSpelling()
    {
        var result = await _publisher.PublishAsync(Command(hub: "Chat_Room"), default);

        Assert.Equal("chat_room", result.Accepted!.Hub);
    }

    [Fact]
    public async Task Publish_TwoMessages_GetDifferentIds()
    {
        var first = await _publisher.PublishAsync(Command(), default);
        var second = await _publisher.PublishAsync(Command(), default);

        Assert.NotEqual(first.Accepted!.Id, second.Accepted!.Id);
    }

    [Theory]
    [InlineData("1bad", "general", "message", RejectionCodes.InvalidHub)]
    [InlineData("chat", "bad/group", "message", RejectionCodes.InvalidGroup)]
    [InlineData("chat", "general", "bad event", RejectionCodes.InvalidEvent)]
    [InlineData("chat", "general", null, RejectionCodes.MissingEvent)]
    public async Task Publish_InvalidInput_IsRejectedAndNothingIsEnqueued(string hub, string group, string? @event, string code)
    {
        var result = await _publisher.PublishAsync(Command(hub, group, @event), default);

        Assert.Equal(code, result.Rejected?.Code);
        _queue.VerifyNoOtherCalls();
    }
}
