using FanOut.Core.Delivery;
using FanOut.Core.Messages;
using FanOut.SignalR.Rest;
using Microsoft.Extensions.Logging;

namespace FanOut.SignalR.Delivery;

/// <summary>
/// Delivers an envelope to its stream: a group, the whole hub, or a user. The client method is
/// <see cref="Envelope.Event"/> and the envelope itself is the single argument, so clients get the offset
/// and epoch with the data. <see cref="Envelope.Except"/> goes to the service as <c>excluded</c> (group and
/// hub sends; a user send has no such option, and clients skip such envelopes themselves).
/// </summary>
public sealed partial class SignalRBroadcaster(SignalRRestClient client, ILogger<SignalRBroadcaster> logger) : IBroadcaster
{
    public async Task BroadcastAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        object?[] arguments = [envelope];
        if (envelope.Group == Streams.Hub)
        {
            await client.SendToHubAsync(envelope.Hub, envelope.Event, arguments, envelope.Except, cancellationToken);
        }
        else if (Streams.IsUser(envelope.Group, out var userId))
        {
            await client.SendToUserAsync(envelope.Hub, userId, envelope.Event, arguments, cancellationToken);
        }
        else
        {
            await client.SendToGroupAsync(envelope.Hub, envelope.Group, envelope.Event, arguments, envelope.Except, cancellationToken);
        }

        LogBroadcast(logger, envelope.Id, envelope.Hub, envelope.Group, envelope.Offset);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Broadcast {MessageId} to {Hub}/{Group} at offset {Offset}")]
    private static partial void LogBroadcast(ILogger logger, string messageId, string hub, string group, long offset);
}
