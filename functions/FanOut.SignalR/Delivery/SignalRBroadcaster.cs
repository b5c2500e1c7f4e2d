using FanOut.Core.Delivery;
using FanOut.Core.Messages;
using FanOut.SignalR.Rest;
using Microsoft.Extensions.Logging;

namespace FanOut.SignalR.Delivery;

/// <summary>
/// Delivers an envelope to its group: the client method is <see cref="Envelope.Event"/> and the
/// envelope itself is the single argument, so clients get the offset and epoch with the data.
/// </summary>
public sealed partial class SignalRBroadcaster(SignalRRestClient client, ILogger<SignalRBroadcaster> logger) : IBroadcaster
{
    public async Task BroadcastAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        await client.SendToGroupAsync(envelope.Hub, envelope.Group, envelope.Event, [envelope], cancellationToken: cancellationToken);
        LogBroadcast(logger, envelope.Id, envelope.Hub, envelope.Group, envelope.Offset);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Broadcast {MessageId} to {Hub}/{Group} at offset {Offset}")]
    private static partial void LogBroadcast(ILogger logger, string messageId, string hub, string group, long offset);
}
