namespace FanOut.Core.Rooms;

/// <summary>
/// Who is where, shared by every instance and kept across restarts: live connections (and each user's
/// count of them) and users' group memberships.
/// </summary>
public interface IPresenceStore
{
    /// <summary>Records a live connection; false when it was already recorded (a repeated event).</summary>
    Task<bool> AddConnectionAsync(TrackedConnection connection, CancellationToken cancellationToken);

    /// <summary>Forgets a connection; returns it, or null when it was not recorded (a repeated event).</summary>
    Task<TrackedConnection?> RemoveConnectionAsync(string hub, string connectionId, CancellationToken cancellationToken);

    Task AddMemberAsync(string hub, string group, string userId, DateTimeOffset at, CancellationToken cancellationToken);

    Task RemoveMemberAsync(string hub, string group, string userId, CancellationToken cancellationToken);

    /// <summary>The group's members that have at least one live connection, with their counts.</summary>
    Task<IReadOnlyList<PresenceEntry>> ListAsync(string hub, string group, CancellationToken cancellationToken);

    /// <summary>Every recorded connection (for the sweep).</summary>
    IAsyncEnumerable<TrackedConnection> ConnectionsAsync(CancellationToken cancellationToken);
}
