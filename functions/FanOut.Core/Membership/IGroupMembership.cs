namespace FanOut.Core.Membership;

/// <summary>Adds and removes connections to and from a hub's groups.</summary>
public interface IGroupMembership
{
    Task AddAsync(string hub, string group, string connectionId, CancellationToken cancellationToken);

    Task RemoveAsync(string hub, string group, string connectionId, CancellationToken cancellationToken);
}
