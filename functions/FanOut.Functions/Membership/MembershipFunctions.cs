using FanOut.Api;
using FanOut.Api.Membership;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FanOut.Functions.Membership;

/// <summary>Group membership by user (self, or any for publishers) and by connection (publishers); see <see cref="MembershipHandler"/>.</summary>
public sealed class MembershipFunctions(MembershipHandler handler)
{
    [Function(nameof(AddUserToGroup))]
    public Task<IResult> AddUserToGroup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.GroupUser)] HttpRequest request,
        string hub, string group, string userId, CancellationToken cancellationToken) =>
        handler.ChangeUserAsync(request, hub, group, userId, join: true, cancellationToken);

    [Function(nameof(RemoveUserFromGroup))]
    public Task<IResult> RemoveUserFromGroup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.GroupUser)] HttpRequest request,
        string hub, string group, string userId, CancellationToken cancellationToken) =>
        handler.ChangeUserAsync(request, hub, group, userId, join: false, cancellationToken);

    [Function(nameof(AddConnectionToGroup))]
    public Task<IResult> AddConnectionToGroup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.GroupConnection)] HttpRequest request,
        string hub, string group, string connectionId, CancellationToken cancellationToken) =>
        handler.ChangeConnectionAsync(request, hub, group, connectionId, join: true, cancellationToken);

    [Function(nameof(RemoveConnectionFromGroup))]
    public Task<IResult> RemoveConnectionFromGroup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.GroupConnection)] HttpRequest request,
        string hub, string group, string connectionId, CancellationToken cancellationToken) =>
        handler.ChangeConnectionAsync(request, hub, group, connectionId, join: false, cancellationToken);
}
