using System.Text;
using System.Text.Json;
using FanOut.Core.Messages;
using FanOut.Storage.Publishing;
using FanOut.Storage.Queues;
using FanOut.Testing.Azurite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FanOut.IntegrationTests.Storage;

public sealed class StorageDeliveryQueueTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData("base64")]
    [InlineData("none")]
    public async Task Enqueue_WritesMessageTheQueueTriggerCanDecode(string encoding)
    {
        var queue = await azurite.CreateQueueAsync();
        var options = Options.Create(new QueueTriggerOptions { MessageEncoding = encoding });
        var delivery = new StorageDeliveryQueue(queue, options, NullLogger<StorageDeliveryQueue>.Instance);
        using var data = JsonDocument.Parse("""{"text":"héllo <&> 🎉","n":[1,2]}""");
        var message = new QueuedMessage("id1", "chat", "room-1", "said", data.RootElement.Clone(), DateTimeOffset.UnixEpoch);

        await delivery.EnqueueAsync(message, CancellationToken.None);
        var received = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));
        var bytes = options.Value.UsesBase64 ? Convert.FromBase64String(received.Text) : Encoding.UTF8.GetBytes(received.Text);
        var decoded = MessageJson.DeserializeQueued(bytes);

        Assert.Equal(message.Id, decoded.Id);
        Assert.Equal(("chat", "room-1", "said"), (decoded.Hub, decoded.Group, decoded.Event));
        Assert.Equal(data.RootElement.GetRawText(), decoded.Data.GetRawText());
        Assert.Equal(encoding == "none", received.Text.StartsWith('{'));
    }
}
