namespace FanOut.Core.Membership;

/// <summary>
/// Group membership in a hub, kept by the SignalR service: a user's membership covers all its
/// connections, now and later (so a reconnect keeps its groups); a connection's covers that connection.
/// </summary>
public interface IGroupMembership
{
    Task AddUserAsync(string hub, string group, string userId, CancellationToken cancellationToken);

    Task RemoveUserAsync(string hub, string group, string userId, CancellationToken cancellationToken);

    Task<bool> IsUserInGroupAsync(string hub, string group, string userId, CancellationToken cancellationToken);

    /// <summary>Throws <see cref="UnknownConnectionException"/> when the hub has no such connection.</summary>
    Task AddConnectionAsync(string hub, string group, string connectionId, CancellationToken cancellationToken);

    Task RemoveConnectionAsync(string hub, string group, string connectionId, CancellationToken cancellationToken);
}
