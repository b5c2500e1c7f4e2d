using FanOut.Core.Diagnostics;
using FanOut.Core.Messages;
using FanOut.Core.Validation;
using Microsoft.Extensions.Logging;

namespace FanOut.Core.Publishing;

/// <summary>The publish use case: validate, stamp an id and a time, enqueue exactly one queue message.</summary>
public sealed partial class Publisher(IDeliveryQueue queue, TimeProvider clock, FanOutMetrics metrics, ILogger<Publisher> logger)
{
    public async Task<PublishResult> PublishAsync(PublishCommand command, CancellationToken cancellationToken)
    {
        var rejection = NameRules.CheckHubAndGroup(command.Hub, command.Group)
            ?? (command.Event is null
                ? new Rejection(RejectionCodes.MissingEvent, "The body needs an \"event\" member naming the client method to call.")
                : NameRules.CheckEvent(command.Event));
        if (rejection is not null)
        {
            metrics.Rejected(rejection.Code);
            return PublishResult.Reject(rejection);
        }

        var message = new QueuedMessage(
            Guid.CreateVersion7().ToString("N"),
            NameRules.CanonicalHub(command.Hub),
            command.Group,
            command.Event!,
            command.Data,
            clock.GetUtcNow());

        await queue.EnqueueAsync(message, cancellationToken);
        metrics.Published(message.Hub);
        LogAccepted(logger, message.Id, message.Hub, message.Group, message.Event);
        return PublishResult.Accept(message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepted message {MessageId} for {Hub}/{Group} ({Event})")]
    private static partial void LogAccepted(ILogger logger, string messageId, string hub, string group, string @event);
}
