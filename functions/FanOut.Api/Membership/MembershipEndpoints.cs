using Azure;
using FanOut.Api.Problems;
using FanOut.Core.Membership;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace FanOut.Api.Membership;

/// <summary><c>PUT</c> and <c>DELETE /api/hubs/{hub}/groups/{group}/connections/{connectionId}</c>: join and leave a group (204).</summary>
public static class MembershipEndpoints
{
    public static Task<IResult> JoinAsync(
        string hub, string group, string connectionId, IGroupMembership membership, CancellationToken cancellationToken) =>
        ChangeAsync(hub, group, connectionId, () => membership.AddAsync(NameRules.CanonicalHub(hub), group, connectionId, cancellationToken));

    public static Task<IResult> LeaveAsync(
        string hub, string group, string connectionId, IGroupMembership membership, CancellationToken cancellationToken) =>
        ChangeAsync(hub, group, connectionId, () => membership.RemoveAsync(NameRules.CanonicalHub(hub), group, connectionId, cancellationToken));

    private static async Task<IResult> ChangeAsync(string hub, string group, string connectionId, Func<Task> change)
    {
        var rejection = NameRules.CheckHubAndGroup(hub, group) ?? NameRules.CheckConnectionId(connectionId);
        if (rejection is not null)
        {
            return ProblemResults.From(rejection);
        }

        try
        {
            await change();
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return ProblemResults.From(new Rejection(RejectionCodes.UnknownConnection, $"No connection '{connectionId}' is connected to hub '{hub}'."));
        }

        return TypedResults.NoContent();
    }
}
