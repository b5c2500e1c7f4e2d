using FanOut.Core.Messages;

namespace FanOut.Core.Delivery;

/// <summary>Sends a stored envelope to its stream's connections (a group, the whole hub, or a user), minus <see cref="Envelope.Except"/>.</summary>
public interface IBroadcaster
{
    Task BroadcastAsync(Envelope envelope, CancellationToken cancellationToken);
}
