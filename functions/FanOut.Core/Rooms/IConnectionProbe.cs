namespace FanOut.Core.Rooms;

/// <summary>Asks the SignalR service whether a connection is still there.</summary>
public interface IConnectionProbe
{
    Task<bool> IsConnectedAsync(string hub, string connectionId, CancellationToken cancellationToken);
}
