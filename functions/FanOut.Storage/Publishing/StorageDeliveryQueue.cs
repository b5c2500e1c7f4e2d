using System.Text;
using FanOut.Core.Messages;
using FanOut.Core.Publishing;
using FanOut.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FanOut.Storage.Publishing;

/// <summary>
/// The delivery queue as an Azure Storage queue: one message per publish, JSON in the shape the
/// queue trigger reads, base64-encoded when host.json's <c>messageEncoding</c> says so.
/// </summary>
public sealed partial class StorageDeliveryQueue(QueueClient queue, IOptions<QueueTriggerOptions> options, ILogger<StorageDeliveryQueue> logger)
    : IDeliveryQueue
{
    public async Task EnqueueAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = Encode(MessageJson.SerializeToUtf8Bytes(message), options.Value.UsesBase64);
        var sent = await queue.SendAsync(text, cancellationToken: cancellationToken);
        LogEnqueued(logger, message.Id, queue.Name, sent.MessageId);
    }

    /// <summary>The queue message text for a JSON payload: base64 of the bytes, or the UTF-8 text itself.</summary>
    public static string Encode(byte[] utf8Json, bool base64) =>
        base64 ? Convert.ToBase64String(utf8Json) : Encoding.UTF8.GetString(utf8Json);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Enqueued message {MessageId} on {Queue} as {QueueMessageId}")]
    private static partial void LogEnqueued(ILogger logger, string messageId, string queue, string queueMessageId);
}
