using FanOut.Core.Messages;
using FanOut.Core.Validation;

namespace FanOut.Core.Access;

/// <summary>
/// The access decisions of a hub's policy, then the code rules registered for the hub
/// (<see cref="HubRule"/>, like Socket.IO's <c>namespace.use()</c>). No credential where one is needed is
/// 401 <c>unauthorized</c>; a credential that is not enough is 403 <c>forbidden</c>.
/// </summary>
public sealed class HubAccess(IEnumerable<HubRule> rules)
{
    public static Rejection Unauthorized(string hub) =>
        new(RejectionCodes.Unauthorized, $"Hub '{hub}' needs a credential for this (a publisher key or a bearer token) and none valid was given.");

    public static Rejection Forbidden(string hub, string what) =>
        new(RejectionCodes.Forbidden, $"This caller may not {what} in hub '{hub}'.");

    public static Rejection UnknownHub(string hub) =>
        new(RejectionCodes.UnknownHub, $"There is no hub '{hub}' (hubs are configured in FanOut__Hubs__*).");

    public ValueTask<Rejection?> CheckPublishAsync(HubPolicy policy, Caller caller, string group, CancellationToken cancellationToken)
    {
        var decision = caller.Kind switch
        {
            _ when IsPublisher(policy, caller) => null,
            CallerKind.Connection when policy.Options.Publish.Members => null,
            CallerKind.Anonymous => Unauthorized(policy.Hub),
            _ => Forbidden(policy.Hub, "publish"),
        };
        return ThenRulesAsync(decision, new HubRequest(HubOperation.Publish, policy.Hub, group, caller), cancellationToken);
    }

    /// <summary>The user id a connection gets, or why it may not connect.</summary>
    public async ValueTask<(string? UserId, Rejection? Rejected)> CheckConnectAsync(
        HubPolicy policy, Caller caller, string? requestedUserId, bool isDevelopment, CancellationToken cancellationToken)
    {
        var connect = policy.Options.Connect;
        (string? UserId, Rejection? Rejected) decision = caller.Kind switch
        {
            CallerKind.PublisherKey => (requestedUserId ?? NewAnonymousId(), null),
            CallerKind.JwtUser when connect.Jwt => UserFromClaims(policy, caller),
            CallerKind.AppServiceUser when connect.AppServiceAuthentication => UserFromClaims(policy, caller),
            CallerKind.Anonymous when connect.Anonymous =>
                (isDevelopment && connect.UserIdFromQuery && requestedUserId is not null ? requestedUserId : NewAnonymousId(), null),
            CallerKind.Anonymous => (null, Unauthorized(policy.Hub)),
            _ => (null, Forbidden(policy.Hub, "connect")),
        };
        if (decision.Rejected is not null)
        {
            return decision;
        }

        var ruled = await ThenRulesAsync(null, new HubRequest(HubOperation.Connect, policy.Hub, null, caller with { UserId = decision.UserId }), cancellationToken);
        return ruled is null ? decision : (null, ruled);
    }

    /// <summary>May <paramref name="caller"/> join <paramref name="group"/> as itself?</summary>
    public ValueTask<Rejection?> CheckJoinAsync(HubPolicy policy, Caller caller, string group, CancellationToken cancellationToken)
    {
        var decision = caller.Kind switch
        {
            CallerKind.PublisherKey => null,
            _ when caller.UserId is null => Unauthorized(policy.Hub),
            _ when MayJoin(policy.Options.Join, caller, group) => null,
            _ => Forbidden(policy.Hub, $"join group '{group}'"),
        };
        return ThenRulesAsync(decision, new HubRequest(HubOperation.Join, policy.Hub, group, caller), cancellationToken);
    }

    /// <summary>
    /// May <paramref name="caller"/> read a stream's history? A group's: as the policy says (<paramref name="isMember"/>:
    /// is the caller's user in it); the hub's: anyone in the hub; a user's: that user. Publishers always.
    /// </summary>
    public ValueTask<Rejection?> CheckHistoryAsync(HubPolicy policy, Caller caller, string group, bool isMember, CancellationToken cancellationToken)
    {
        var inHub = caller.Kind == CallerKind.Connection
            || (caller.Kind == CallerKind.JwtUser && policy.Options.Connect.Jwt)
            || (caller.Kind == CallerKind.AppServiceUser && policy.Options.Connect.AppServiceAuthentication);
        var isOwnStream = Streams.IsUser(group, out var streamUser) && caller.UserId == streamUser;
        var decision = (policy.Options.History.Readers, caller.Kind) switch
        {
            _ when IsPublisher(policy, caller) => null,
            _ when isOwnStream => null,
            _ when group == Streams.Hub && inHub => null,
            _ when Streams.IsUser(group, out _) => caller.Kind == CallerKind.Anonymous ? Unauthorized(policy.Hub) : Forbidden(policy.Hub, "read another user's messages"),
            (HistoryReaders.Anyone, _) => null,
            (HistoryReaders.Members, _) when isMember => null,
            (_, CallerKind.Anonymous) => Unauthorized(policy.Hub),
            _ => Forbidden(policy.Hub, $"read the history of group '{group}'"),
        };
        return ThenRulesAsync(decision, new HubRequest(HubOperation.ReadHistory, policy.Hub, group, caller), cancellationToken);
    }

    /// <summary>Whether the history rule needs to know if the caller's user is a member (a lookup worth skipping).</summary>
    public static bool NeedsMembership(HubPolicy policy, Caller caller) =>
        policy.Options.History.Readers == HistoryReaders.Members && !IsPublisher(policy, caller) && caller.UserId is not null;

    /// <summary>A publisher of the hub: one of its keys, or a JWT carrying its publish claims.</summary>
    public static bool IsPublisher(HubPolicy policy, Caller caller) =>
        caller.Kind == CallerKind.PublisherKey
        || (caller.Kind == CallerKind.JwtUser && policy.Options.Publish.Jwt && caller.HasClaims(policy.Options.Publish.Claims));

    internal static bool MayJoin(JoinPolicyOptions join, Caller caller, string group) =>
        join.Groups.Any(pattern => Wildcard.IsMatch(pattern.Replace("{userId}", caller.UserId, StringComparison.Ordinal), group, StringComparison.Ordinal))
        || (join.GroupsClaim is { } claim && caller.ClaimValues.TryGetValue(claim, out var groups) && groups.Contains(group, StringComparer.Ordinal));

    private static (string?, Rejection?) UserFromClaims(HubPolicy policy, Caller caller)
    {
        var connect = policy.Options.Connect;
        if (!caller.HasClaims(connect.Claims))
        {
            return (null, Forbidden(policy.Hub, "connect"));
        }

        var userId = caller.ClaimValues.TryGetValue(connect.UserIdClaim, out var values) && values.Count > 0 ? values[0] : caller.UserId;
        return userId is not null && NameRules.CheckUserId(userId) is null
            ? (userId, null)
            : (null, new Rejection(RejectionCodes.Forbidden, $"The token's '{connect.UserIdClaim}' claim is missing or not a valid user id."));
    }

    private static string NewAnonymousId() => "anon-" + Guid.NewGuid().ToString("N");

    private async ValueTask<Rejection?> ThenRulesAsync(Rejection? decision, HubRequest request, CancellationToken cancellationToken)
    {
        if (decision is not null)
        {
            return decision;
        }

        foreach (var rule in rules)
        {
            if (Wildcard.IsMatch(rule.HubPattern, request.Hub) && await rule.CheckAsync(request, cancellationToken) is { } refused)
            {
                return refused;
            }
        }

        return null;
    }
}
