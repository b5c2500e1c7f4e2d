using FanOut.Core.Membership;
using FanOut.SignalR.Rest;

namespace FanOut.SignalR.Membership;

/// <summary>Group membership through the REST API. A connection the service does not know answers 404 (<see cref="Azure.RequestFailedException"/>).</summary>
public sealed class SignalRGroupMembership(SignalRRestClient client) : IGroupMembership
{
    public Task AddAsync(string hub, string group, string connectionId, CancellationToken cancellationToken) =>
        client.AddToGroupAsync(hub, group, connectionId, cancellationToken);

    public Task RemoveAsync(string hub, string group, string connectionId, CancellationToken cancellationToken) =>
        client.RemoveFromGroupAsync(hub, group, connectionId, cancellationToken);
}
