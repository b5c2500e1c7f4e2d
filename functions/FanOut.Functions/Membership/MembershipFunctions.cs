using FanOut.Api;
using FanOut.Api.Membership;
using FanOut.Core.Membership;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FanOut.Functions.Membership;

/// <summary>Join and leave a group, through Azure SignalR Service's REST API (see <see cref="MembershipEndpoints"/>).</summary>
public sealed class MembershipFunctions(IGroupMembership membership)
{
    [Function(nameof(JoinGroup))]
    public Task<IResult> JoinGroup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.Connection)] HttpRequest request,
        string hub,
        string group,
        string connectionId,
        CancellationToken cancellationToken) =>
        MembershipEndpoints.JoinAsync(hub, group, connectionId, membership, cancellationToken);

    [Function(nameof(LeaveGroup))]
    public Task<IResult> LeaveGroup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Connection)] HttpRequest request,
        string hub,
        string group,
        string connectionId,
        CancellationToken cancellationToken) =>
        MembershipEndpoints.LeaveAsync(hub, group, connectionId, membership, cancellationToken);
}
