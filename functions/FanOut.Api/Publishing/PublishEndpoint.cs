using FanOut.Api.Problems;
using FanOut.Core;
using FanOut.Core.Publishing;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace FanOut.Api.Publishing;

/// <summary>
/// <c>POST /api/hubs/{hub}/groups/{group}/messages</c> with <c>{"event": "...", "data": ...}</c> and an
/// optional <c>Idempotency-Key</c> header: 202 once the message is in the queue (a repeat of the same
/// request answers the first one's id with <c>Idempotent-Replayed: true</c>); a problem, and nothing
/// enqueued, otherwise.
/// </summary>
public static class PublishEndpoint
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static async Task<IResult> HandleAsync(
        HttpRequest request, string hub, string group, Publisher publisher, IOptions<FanOutOptions> options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(options);

        // Names first: a bad route is refused before the body is read.
        if (NameRules.CheckHubAndGroup(hub, group) is { } badName)
        {
            return ProblemResults.From(badName);
        }

        var (bytes, unreadable) = await JsonBodyReader.ReadAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        var (body, invalid) = unreadable is null ? PublishBody.Parse(bytes) : (null, unreadable);
        if (body is null)
        {
            return ProblemResults.From(invalid!);
        }

        var key = request.Headers[IdempotencyKeyHeader] is { Count: > 0 } values ? values.ToString() : null;
        var result = await publisher.PublishAsync(new PublishCommand(hub, group, body.Event, body.Data, key), cancellationToken);
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
