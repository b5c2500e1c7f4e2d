using FanOut.Core.Messages;

namespace FanOut.Core.Delivery;

/// <summary>Sends a stored envelope to every connection of its hub's group (Azure SignalR Service, or the local stand-in).</summary>
public interface IBroadcaster
{
    Task BroadcastAsync(Envelope envelope, CancellationToken cancellationToken);
}
