using FanOut.Api.Access;
using FanOut.Api.Problems;
using FanOut.Core;
using FanOut.Core.Access;
using FanOut.Core.Publishing;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace FanOut.Api.Publishing;

/// <summary>
/// <c>POST /api/hubs/{hub}/groups/{group}/messages</c> with <c>{"event": "...", "data": ...}</c> and an
/// optional <c>Idempotency-Key</c> header: 202 once the message is in the queue (a repeat of the same
/// request answers the first one's id with <c>Idempotent-Replayed: true</c>); a problem, and nothing
/// enqueued, otherwise. Who may publish is the hub's policy; the body is read only after that.
/// </summary>
public sealed class PublishHandler(HubGate gate, HubAccess access, PublishRateLimiter limiter, Publisher publisher, IOptions<FanOutOptions> options)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async Task<IResult> HandleAsync(HttpRequest request, string hub, string group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (NameRules.CheckGroup(group) is { } badGroup)
        {
            return ProblemResults.From(badGroup);
        }

        var entry = await gate.EnterAsync(request.HttpContext, hub);
        if (entry.Rejected is { } refused)
        {
            return ProblemResults.From(refused);
        }

        var (policy, caller) = (entry.Policy!, entry.Caller!);
        if ((await access.CheckPublishAsync(policy, caller, group, cancellationToken) ?? limiter.TryAcquire(policy, caller)) is { } denied)
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

        var key = request.Headers[IdempotencyKeyHeader] is { Count: > 0 } values ? values.ToString() : null;
        var result = await publisher.PublishAsync(new PublishCommand(policy.Hub, group, body.Event, body.Data, key), cancellationToken);
        if (result.Accepted is not { } receipt)
        {
            return ProblemResults.From(result.Rejected!);
        }

        if (receipt.Replayed)
        {
            request.HttpContext.Response.Headers[ReplayedHeader] = "true";
        }

        return TypedResults.Accepted((string?)null, new PublishResponse(receipt.Id, receipt.Hub, receipt.Group));
    }
}
