using System.Globalization;
using FanOut.Api.Access;
using FanOut.Api.Problems;
using FanOut.Core.Access;
using FanOut.Core.History;
using FanOut.Core.Membership;
using FanOut.Core.Messages;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace FanOut.Api.History;

/// <summary>
/// A stream's history, ascending, paged (<c>?after={offset}&amp;limit={n}</c>), for whom the hub's policy lets read it:
/// <c>GET /api/hubs/{hub}/groups/{group}/messages</c> (publishers; members of the group; or anyone),
/// <c>GET /api/hubs/{hub}/messages</c> (messages to the whole hub: anyone in it),
/// <c>GET /api/hubs/{hub}/users/{userId}/messages</c> (messages to a user: that user, <c>me</c>, or publishers).
/// </summary>
public sealed class HistoryHandler(HubGate gate, HubAccess access, IGroupMembership membership, HistoryQuery history)
{
    public Task<IResult> HandleGroupAsync(HttpRequest request, string hub, string group, CancellationToken cancellationToken) =>
        HandleAsync(request, hub, _ => group, cancellationToken);

    public Task<IResult> HandleHubAsync(HttpRequest request, string hub, CancellationToken cancellationToken) =>
        HandleAsync(request, hub, _ => Streams.Hub, cancellationToken);

    public Task<IResult> HandleUserAsync(HttpRequest request, string hub, string userId, CancellationToken cancellationToken) =>
        HandleAsync(request, hub, caller => Streams.User(userId == Membership.MembershipHandler.Me ? caller.UserId ?? userId : userId), cancellationToken);

    private async Task<IResult> HandleAsync(HttpRequest request, string hub, Func<Caller, string> streamOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TryReadLong(request.Query["after"], out var after) || !TryReadInt(request.Query["limit"], out var limit))
        {
            return ProblemResults.From(new Rejection(RejectionCodes.InvalidQuery, "'after' and 'limit' are whole numbers."));
        }

        var entry = await gate.EnterAsync(request.HttpContext, hub);
        if (entry.Rejected is { } refused)
        {
            return ProblemResults.From(refused);
        }

        var (policy, caller) = (entry.Policy!, entry.Caller!);
        var group = streamOf(caller);
        var isMember = HubAccess.NeedsMembership(policy, caller) && NameRules.CheckGroup(group) is null
            && await membership.IsUserInGroupAsync(policy.Hub, group, caller.UserId!, cancellationToken);
        if (await access.CheckHistoryAsync(policy, caller, group, isMember, cancellationToken) is { } denied)
        {
            return ProblemResults.From(denied);
        }

        var (page, rejection) = await history.ReadAsync(policy.Hub, group, after ?? 0, limit, cancellationToken);
        return page is not null
            ? TypedResults.Json(new HistoryResponse(page.Epoch, page.Messages, page.Next), MessageJson.Options)
            : ProblemResults.From(rejection!);
    }

    private static bool TryReadLong(string? text, out long? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var ok = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed);
        value = parsed;
        return ok;
    }

    private static bool TryReadInt(string? text, out int? value)
    {
        var ok = TryReadLong(text, out var wide) && wide is null or <= int.MaxValue;
        value = (int?)wide;
        return ok;
    }
}
