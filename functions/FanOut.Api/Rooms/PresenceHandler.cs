using FanOut.Api.Access;
using FanOut.Api.Problems;
using FanOut.Core.Access;
using FanOut.Core.Membership;
using FanOut.Core.Rooms;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace FanOut.Api.Rooms;

/// <summary>
/// <c>GET /api/hubs/{hub}/groups/{group}/presence</c>: who is in the group and online, with each user's number of
/// connections, for whom may read the group's history. Hubs keep presence only when their settings say so.
/// </summary>
public sealed class PresenceHandler(HubGate gate, HubAccess access, IGroupMembership membership, HubEvents hubEvents)
{
    public async Task<IResult> HandleAsync(HttpRequest request, string hub, string group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (NameRules.CheckGroup(group) is { } invalid)
        {
            return ProblemResults.From(invalid);
        }

        var entry = await gate.EnterAsync(request.HttpContext, hub);
        if (entry.Rejected is { } refused)
        {
            return ProblemResults.From(refused);
        }

        var (policy, caller) = (entry.Policy!, entry.Caller!);
        var isMember = HubAccess.NeedsMembership(policy, caller) && await membership.IsUserInGroupAsync(policy.Hub, group, caller.UserId!, cancellationToken);
        if (await access.CheckHistoryAsync(policy, caller, group, isMember, cancellationToken) is { } denied)
        {
            return ProblemResults.From(denied);
        }

        hubEvents.SweepInBackground();
        return TypedResults.Ok(new { group, users = await hubEvents.PresenceAsync(policy.Hub, group, cancellationToken) });
    }
}
