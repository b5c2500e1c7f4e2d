using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using FanOut.Api.Problems;
using FanOut.Core;
using Microsoft.Extensions.DependencyInjection;

namespace FanOut.Api.Admin;

/// <summary>
/// The delivery queue's depth and its poison queue, for operators: count, look at the first messages, and
/// replay one (send its body back to the delivery queue, then delete it from the poison queue: a crash in
/// between leaves it in both, and history stores a message id once).
/// </summary>
public sealed class PoisonQueue(
    [FromKeyedServices(FanOutNames.DeliveryQueue)] QueueClient deliveries,
    [FromKeyedServices(FanOutNames.PoisonQueue)] QueueClient poison)
{
    /// <summary>The most messages one peek or receive returns (the Storage limit).</summary>
    public const int MaxMessages = 32;

    private const int PreviewChars = 200;

    /// <summary>How long messages looked through for a replay stay hidden if releasing them fails.</summary>
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(30);

    public async Task<QueueDepths> DepthsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var depth = await deliveries.GetPropertiesAsync(cancellationToken);
            var poisoned = await poison.GetPropertiesAsync(cancellationToken);
            return new QueueDepths(depth.Value.ApproximateMessagesCount, poisoned.Value.ApproximateMessagesCount, null);
        }
        catch (Exception ex) when (FailureMapping.TryMap(ex, cancellationToken) is not null)
        {
            return new QueueDepths(null, null, ex.Message);
        }
    }

    /// <summary>The first <see cref="MaxMessages"/> poison messages, oldest first, left where they are.</summary>
    public async Task<IReadOnlyList<PoisonMessage>> PeekAsync(CancellationToken cancellationToken)
    {
        var peeked = await poison.PeekMessagesAsync(MaxMessages, cancellationToken);
        return [.. peeked.Value.Select(m => Describe(m.MessageId, m.InsertedOn, m.DequeueCount, m.Body))];
    }

    /// <summary>Replays the poison message whose queue id or FanOut message id is <paramref name="id"/>; null when there is none.</summary>
    public async Task<PoisonMessage?> ReplayAsync(string id, CancellationToken cancellationToken)
    {
        var passedOver = new List<QueueMessage>();
        try
        {
            while (true)
            {
                var batch = (await poison.ReceiveMessagesAsync(MaxMessages, Hold, cancellationToken)).Value;
                if (batch.Length == 0)
                {
                    return null;
                }

                foreach (var message in batch)
                {
                    var described = Describe(message.MessageId, message.InsertedOn, message.DequeueCount, message.Body);
                    if (message.MessageId == id || described.MessageId == id)
                    {
                        await deliveries.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
                        await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                        passedOver.AddRange(batch.Where(m => m != message && !passedOver.Contains(m)));
                        return described;
                    }

                    passedOver.Add(message);
                }
            }
        }
        finally
        {
            // Make what was looked through visible again at once (else it reappears after Hold).
            foreach (var message in passedOver)
            {
                try
                {
                    await poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
                }
                catch (Exception ex) when (ex is Azure.RequestFailedException || FailureMapping.TryMap(ex, CancellationToken.None) is not null)
                {
                    // It reappears after Hold.
                }
            }
        }
    }

    private static PoisonMessage Describe(string queueMessageId, DateTimeOffset? insertedOn, long dequeueCount, BinaryData body)
    {
        var bytes = body.ToMemory();
        string? id = null, hub = null, group = null, @event = null;
        DateTimeOffset? sentAt = null;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var root = document.RootElement;
                (id, hub, @event) = (Text(root, "id"), Text(root, "hub"), Text(root, "event"));
                group = Text(root, "group") ?? (root.TryGetProperty("groups", out var groups) && groups.ValueKind == JsonValueKind.Array
                    ? string.Join(",", groups.EnumerateArray().Select(g => g.ToString()))
                    : null);
                sentAt = root.TryGetProperty("sentAt", out var sent) && sent.TryGetDateTimeOffset(out var at) ? at : null;
            }
        }
        catch (JsonException)
        {
            // Not JSON: shown as text only.
        }

        var text = Encoding.UTF8.GetString(bytes.Span[..Math.Min(bytes.Length, PreviewChars * 4)]);
        var preview = text.Length <= PreviewChars ? text : string.Concat(text.AsSpan(0, PreviewChars - 1), "…");
        return new PoisonMessage(queueMessageId, insertedOn, dequeueCount, id, hub, group, @event, sentAt, bytes.Length, preview);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
