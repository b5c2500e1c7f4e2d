using Azure;
using FanOut.Core.Membership;
using FanOut.SignalR.Rest;

namespace FanOut.SignalR.Membership;

/// <summary>Group membership through the SignalR service's REST API (user groups and connection groups).</summary>
public sealed class SignalRGroupMembership(SignalRRestClient client) : IGroupMembership
{
    public Task AddUserAsync(string hub, string group, string userId, CancellationToken cancellationToken) =>
        client.AddUserToGroupAsync(hub, group, userId, cancellationToken: cancellationToken);

    public Task RemoveUserAsync(string hub, string group, string userId, CancellationToken cancellationToken) =>
        client.RemoveUserFromGroupAsync(hub, group, userId, cancellationToken);

    public Task<bool> IsUserInGroupAsync(string hub, string group, string userId, CancellationToken cancellationToken) =>
        client.IsUserInGroupAsync(hub, group, userId, cancellationToken);

    public async Task AddConnectionAsync(string hub, string group, string connectionId, CancellationToken cancellationToken)
    {
        try
        {
            await client.AddConnectionToGroupAsync(hub, group, connectionId, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new UnknownConnectionException(hub, connectionId);
        }
    }

    public Task RemoveConnectionAsync(string hub, string group, string connectionId, CancellationToken cancellationToken) =>
        client.RemoveConnectionFromGroupAsync(hub, group, connectionId, cancellationToken);
}
