using Azure.Storage.Queues;
using FanOut.Core.Messages;
using FanOut.Core.Publishing;
using Microsoft.Extensions.Logging;

namespace FanOut.Storage.Publishing;

/// <summary>
/// The delivery queue as an Azure Storage queue: one message per publish, the JSON the queue trigger
/// reads, encoded as the client is configured (base64, as the Functions trigger expects by default).
/// </summary>
public sealed partial class StorageDeliveryQueue(QueueClient queue, ILogger<StorageDeliveryQueue> logger) : IDeliveryQueue
{
    public async Task EnqueueAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sent = await queue.SendMessageAsync(BinaryData.FromBytes(MessageJson.SerializeToUtf8Bytes(message)), cancellationToken: cancellationToken);
        LogEnqueued(logger, message.Id, queue.Name, sent.Value.MessageId);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Enqueued message {MessageId} on {Queue} as {QueueMessageId}")]
    private static partial void LogEnqueued(ILogger logger, string messageId, string queue, string queueMessageId);
}
