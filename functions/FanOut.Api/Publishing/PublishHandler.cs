using FanOut.Api.Access;
using FanOut.Api.Problems;
using FanOut.Core;
using FanOut.Core.Access;
using FanOut.Core.Messages;
using FanOut.Core.Publishing;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace FanOut.Api.Publishing;

/// <summary>
/// Publishing over HTTP, answered 202 once the message is in the queue (a repeat with the same
/// <c>Idempotency-Key</c> answers the first one's id with <c>Idempotent-Replayed: true</c>); a problem,
/// and nothing enqueued, otherwise. Who may publish is the hub's policy; the body is read only after that.
/// <list type="bullet">
/// <item><c>POST /api/hubs/{hub}/groups/{group}/messages</c> <c>{"event", "data", "except"?}</c>: one group;</item>
/// <item><c>POST /api/hubs/{hub}/messages</c> <c>{"event", "data", "groups"? | "user"?, "except"?}</c>: several groups
/// (each connection handles it once: same id), one user, or (neither) everyone in the hub.</item>
/// </list>
/// </summary>
public sealed class PublishHandler(HubGate gate, HubAccess access, PublishRateLimiter limiter, Publisher publisher, IOptions<FanOutOptions> options)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public Task<IResult> HandleGroupAsync(HttpRequest request, string hub, string group, CancellationToken cancellationToken) =>
        NameRules.CheckGroup(group) is { } badGroup
            ? Task.FromResult(ProblemResults.From(badGroup))
            : HandleAsync(request, hub, group, cancellationToken);

    public Task<IResult> HandleHubAsync(HttpRequest request, string hub, CancellationToken cancellationToken) =>
        HandleAsync(request, hub, routeGroup: null, cancellationToken);

    private async Task<IResult> HandleAsync(HttpRequest request, string hub, string? routeGroup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entry = await gate.EnterAsync(request.HttpContext, hub);
        if (entry.Rejected is { } refused)
        {
            return ProblemResults.From(refused);
        }

        var (policy, caller) = (entry.Policy!, entry.Caller!);
        if ((await access.CheckPublishAsync(policy, caller, routeGroup ?? Streams.Hub, cancellationToken) ?? limiter.TryAcquire(policy, caller)) is { } denied)
        {
            return ProblemResults.From(denied);
        }

        var maxBytes = policy.Options.Limits.MaxBodyBytes ?? options.Value.MaxBodyBytes;
        var (bytes, unreadable) = await JsonBodyReader.ReadAsync(request, maxBytes, cancellationToken);
        var (body, invalid) = unreadable is null ? PublishBody.Parse(bytes) : (null, unreadable);
        if (body is null)
        {
            return ProblemResults.From(invalid!);
        }

        if (Targets(routeGroup, body) is not { } targets)
        {
            return ProblemResults.From(new Rejection(RejectionCodes.MalformedJson,
                routeGroup is null ? "Give \"groups\" or \"user\", not both." : "Several groups or a user are published to at /api/hubs/{hub}/messages."));
        }

        var key = request.Headers[IdempotencyKeyHeader] is { Count: > 0 } values ? values.ToString() : null;
        var command = new PublishCommand(policy.Hub, targets, body.Event, body.Data, key) { Except = body.Except };
        var result = await publisher.PublishAsync(command, cancellationToken);
        if (result.Accepted is not { } receipt)
        {
            return ProblemResults.From(result.Rejected!);
        }

        if (receipt.Replayed)
        {
            request.HttpContext.Response.Headers[ReplayedHeader] = "true";
        }

        return TypedResults.Accepted((string?)null, PublishResponse.From(receipt));
    }

    private static IReadOnlyList<string>? Targets(string? routeGroup, PublishBody body) => (routeGroup, body.Groups, body.User) switch
    {
        ({ } group, null, null) => [group],
        (null, { } groups, null) => groups,
        (null, null, { } user) => [Streams.User(user)],
        (null, null, null) => [Streams.Hub],
        _ => null,
    };
}
