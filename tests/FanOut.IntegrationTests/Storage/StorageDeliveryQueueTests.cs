using System.Text;
using Azure.Storage.Queues;
using FanOut.Core;
using FanOut.Core.Messages;
using FanOut.Core.Publishing;
using FanOut.Storage;
using FanOut.Testing.Azurite;
using Microsoft.Extensions.DependencyInjection;

namespace FanOut.IntegrationTests.Storage;

public sealed class StorageDeliveryQueueTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData("base64")]
    [InlineData("none")]
    public async Task Enqueue_WritesTheMessageInTheEncodingHostJsonNames(string encoding)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddFanOutStorage(azurite.CreateConfiguration());
        services.Configure<FanOut.Storage.Queues.QueueTriggerOptions>(o => o.MessageEncoding = encoding);
        await using var provider = services.BuildServiceProvider();
        var raw = new QueueClient(azurite.ConnectionString, FanOutNames.DeliveryQueue, new QueueClientOptions(QueueClientOptions.ServiceVersion.V2025_11_05));
        await raw.CreateIfNotExistsAsync();
        await raw.ClearMessagesAsync();
        var message = new QueuedMessage("id1", "chat", "room-1", "said", RawJson.FromTrustedUtf8("""{ "text": "héllo <&> 🎉" }"""u8.ToArray()), DateTimeOffset.UnixEpoch);

        await provider.GetRequiredService<IDeliveryQueue>().EnqueueAsync(message, CancellationToken.None);
        var text = (await raw.ReceiveMessageAsync()).Value.Body.ToString();
        var json = encoding == "base64" ? Convert.FromBase64String(text) : Encoding.UTF8.GetBytes(text);
        var decoded = MessageJson.DeserializeQueued(json);

        Assert.Equal(encoding == "none", text.StartsWith('{'));
        Assert.Equal(("id1", "chat", "room-1", "said"), (decoded.Id, decoded.Hub, decoded.Group, decoded.Event));
        Assert.Equal("""{ "text": "héllo <&> 🎉" }""", decoded.Data.ToString());
    }
}
