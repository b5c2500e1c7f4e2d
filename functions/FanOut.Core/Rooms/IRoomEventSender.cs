namespace FanOut.Core.Rooms;

/// <summary>Tells a group's members that a user joined or left it (client methods <c>$join</c> and <c>$leave</c>).</summary>
public interface IRoomEventSender
{
    public const string JoinTarget = "$join";
    public const string LeaveTarget = "$leave";

    Task SendAsync(HubEvent hubEvent, CancellationToken cancellationToken);
}
