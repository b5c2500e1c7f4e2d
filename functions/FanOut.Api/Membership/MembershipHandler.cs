using FanOut.Api.Access;
using FanOut.Api.Problems;
using FanOut.Core.Access;
using FanOut.Core.Membership;
using FanOut.Core.Rooms;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace FanOut.Api.Membership;

/// <summary>
/// Group membership over HTTP, by identity, never by a connection id from an untrusted caller:
/// <list type="bullet">
/// <item><c>PUT|DELETE /api/hubs/{hub}/groups/{group}/users/{userId}</c>: a signed-in user adds or removes
/// itself (<c>me</c>, or its own id; joining as the hub's join rules allow); a publisher any user. The
/// membership covers the user's later connections too.</item>
/// <item><c>PUT|DELETE /api/hubs/{hub}/groups/{group}/connections/{connectionId}</c>: publishers only.</item>
/// </list>
/// Anonymous clients join over their connection (a client event), where the service vouches for them.
/// </summary>
public sealed class MembershipHandler(HubGate gate, HubAccess access, IGroupMembership membership, HubEvents hubEvents)
{
    public const string Me = "me";

    public async Task<IResult> ChangeUserAsync(HttpRequest request, string hub, string group, string userId, bool join, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((NameRules.CheckGroup(group) ?? (userId == Me ? null : NameRules.CheckUserId(userId))) is { } invalid)
        {
            return ProblemResults.From(invalid);
        }

        var entry = await gate.EnterAsync(request.HttpContext, hub);
        if (entry.Rejected is { } refused)
        {
            return ProblemResults.From(refused);
        }

        var (policy, caller) = (entry.Policy!, entry.Caller!);
        var self = caller.UserId is not null && (userId == Me || userId == caller.UserId);
        var denied = caller.Kind switch
        {
            CallerKind.PublisherKey when userId != Me => null,
            _ when !self => caller.UserId is null ? HubAccess.Unauthorized(policy.Hub) : HubAccess.Forbidden(policy.Hub, "change another user's groups"),
            _ when join => await access.CheckJoinAsync(policy, caller, group, cancellationToken),
            _ => null,
        };
        if (denied is not null)
        {
            return ProblemResults.From(denied);
        }

        var user = self ? caller.UserId! : userId;
        if (join)
        {
            await membership.AddUserAsync(policy.Hub, group, user, cancellationToken);
            await hubEvents.JoinedAsync(policy.Hub, group, user, cancellationToken);
        }
        else
        {
            await membership.RemoveUserAsync(policy.Hub, group, user, cancellationToken);
            await hubEvents.LeftAsync(policy.Hub, group, user, cancellationToken);
        }

        return TypedResults.NoContent();
    }

    public async Task<IResult> ChangeConnectionAsync(HttpRequest request, string hub, string group, string connectionId, bool join, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((NameRules.CheckGroup(group) ?? NameRules.CheckConnectionId(connectionId)) is { } invalid)
        {
            return ProblemResults.From(invalid);
        }

        var entry = await gate.EnterAsync(request.HttpContext, hub);
        if (entry.Rejected is { } refused)
        {
            return ProblemResults.From(refused);
        }

        var (policy, caller) = (entry.Policy!, entry.Caller!);
        if (caller.Kind != CallerKind.PublisherKey)
        {
            return ProblemResults.From(caller.Kind == CallerKind.Anonymous
                ? HubAccess.Unauthorized(policy.Hub)
                : HubAccess.Forbidden(policy.Hub, "change a connection's groups (clients join as their user)"));
        }

        try
        {
            await (join
                ? membership.AddConnectionAsync(policy.Hub, group, connectionId, cancellationToken)
                : membership.RemoveConnectionAsync(policy.Hub, group, connectionId, cancellationToken));
        }
        catch (UnknownConnectionException ex)
        {
            return ProblemResults.From(new Rejection(RejectionCodes.UnknownConnection, ex.Message));
        }

        return TypedResults.NoContent();
    }
}
