using FanOut.Core.Diagnostics;
using FanOut.Core.Messages;
using FanOut.Core.Validation;
using Microsoft.Extensions.Logging;

namespace FanOut.Core.Publishing;

/// <summary>
/// The publish use case: validate, stamp an id and a time, enqueue exactly one queue message. With an
/// Idempotency-Key, <see cref="IdempotencyGate"/> makes every repeat of the request answer like the
/// first one without enqueueing again.
/// </summary>
public sealed partial class Publisher(
    IDeliveryQueue queue, IPayloadStore payloads, IdempotencyGate idempotency, TimeProvider clock, FanOutMetrics metrics, ILogger<Publisher> logger)
{
    public async Task<PublishResult> PublishAsync(PublishCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var rejection = NameRules.CheckHub(command.Hub)
            ?? CheckTargets(command.Targets, command.Except)
            ?? (command.Event is null
                ? new Rejection(RejectionCodes.MissingEvent, "The body needs an \"event\" member naming the client method to call.")
                : NameRules.CheckEvent(command.Event))
            ?? (command.IdempotencyKey is null ? null : IdempotencyGate.CheckKey(command.IdempotencyKey));
        if (rejection is not null)
        {
            metrics.Rejected(rejection.Code);
            return PublishResult.Reject(rejection);
        }

        var message = new QueuedMessage(
            Guid.CreateVersion7().ToString("N"),
            NameRules.CanonicalHub(command.Hub),
            command.Targets[0],
            command.Event!,
            command.Data,
            clock.GetUtcNow())
        {
            Groups = command.Targets.Count > 1 ? command.Targets : null,
            Except = command.Except is { Count: > 0 } except ? except : null,
        };

        if (command.IdempotencyKey is not { } key)
        {
            await EnqueueAsync(message, cancellationToken);
            return PublishResult.Accept(new PublishReceipt(message.Id, message.Hub, message.Group, Replayed: false) { Targets = message.Targets });
        }

        var result = await idempotency.PublishOnceAsync(message, key, m => EnqueueAsync(m, cancellationToken), cancellationToken, command.KeyIsDeliveryId);
        if (result.Rejected is { } reused)
        {
            metrics.Rejected(reused.Code);
        }
        else if (result.Accepted is { Replayed: true } replay)
        {
            metrics.Replayed(replay.Hub);
            LogReplayed(logger, replay.Id, replay.Hub, replay.Group);
        }

        return result;
    }

    /// <summary>One or more distinct groups (at most <see cref="Streams.MaxGroupsPerMessage"/>), or the whole hub, or one user.</summary>
    private static Rejection? CheckTargets(IReadOnlyList<string> targets, IReadOnlyList<string>? except)
    {
        if (targets.Count is 0 or > Streams.MaxGroupsPerMessage || targets.Distinct(StringComparer.Ordinal).Count() != targets.Count)
        {
            return new Rejection(RejectionCodes.InvalidGroup, $"A message goes to 1-{Streams.MaxGroupsPerMessage} distinct groups, or to the whole hub, or to one user.");
        }

        foreach (var target in targets)
        {
            var invalid = target == Streams.Hub ? null
                : Streams.IsUser(target, out var userId) ? NameRules.CheckUserId(userId)
                : NameRules.CheckGroup(target);
            if (invalid is not null || (targets.Count > 1 && target.StartsWith('~')))
            {
                return invalid ?? new Rejection(RejectionCodes.InvalidGroup, "Several targets must all be groups.");
            }
        }

        return except?.Select(NameRules.CheckConnectionId).FirstOrDefault(r => r is not null)
            ?? (except is { Count: > 100 } ? new Rejection(RejectionCodes.InvalidConnectionId, "At most 100 connections can be left out.") : null);
    }

    private async Task EnqueueAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        using var activity = FanOutTracing.StartPublish(message.Hub, message.Id);
        if (activity is not null)
        {
            message = message with { TraceParent = activity.Id };
        }

        try
        {
            await ClaimCheckAndEnqueueAsync(message, cancellationToken);
        }
        catch (Exception ex)
        {
            FanOutTracing.Failed(activity, ex);
            throw;
        }
    }

    private async Task ClaimCheckAndEnqueueAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        if (message.Data.Utf8.Length > FanOutOptions.MaxQueuedBodyBytes)
        {
            // Claim check: the data goes to Blob storage first; the queue message carries only its reference.
            var reference = await payloads.PutAsync(message.Hub, message.Id, message.Data, cancellationToken);
            message = message with { Data = RawJson.Null, DataRef = reference };
        }

        await queue.EnqueueAsync(message, cancellationToken);
        metrics.Published(message.Hub);
        LogAccepted(logger, message.Id, message.Hub, message.Group, message.Event);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepted message {MessageId} for {Hub}/{Group} ({Event})")]
    private static partial void LogAccepted(ILogger logger, string messageId, string hub, string group, string @event);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered a repeated publish with message {MessageId} for {Hub}/{Group}; nothing enqueued")]
    private static partial void LogReplayed(ILogger logger, string messageId, string hub, string group);
}
