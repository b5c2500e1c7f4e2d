using System.Text.Json;
using FanOut.Api.Problems;
using FanOut.Core;
using FanOut.Core.Publishing;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace FanOut.Api.Publishing;

/// <summary>
/// <c>POST /api/hubs/{hub}/groups/{group}/messages</c> with <c>{"event": "...", "data": ...}</c>:
/// 202 once the message is in the queue; a problem (and nothing enqueued) otherwise.
/// </summary>
public static class PublishEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpRequest request, string hub, string group, Publisher publisher, IOptions<FanOutOptions> options, CancellationToken cancellationToken)
    {
        // Names first: a bad route is refused before the body is read.
        var rejection = NameRules.CheckHubAndGroup(hub, group);
        if (rejection is not null)
        {
            return ProblemResults.From(rejection);
        }

        var (body, bodyRejection) = await JsonBodyReader.ReadAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (bodyRejection is not null)
        {
            return ProblemResults.From(bodyRejection);
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return ProblemResults.From(new Rejection(RejectionCodes.MalformedJson, "The body is a JSON object: {\"event\": \"...\", \"data\": ...}."));
        }

        var eventName = body.TryGetProperty("event", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        var data = body.TryGetProperty("data", out var d) ? d : default;

        var result = await publisher.PublishAsync(new PublishCommand(hub, group, eventName, data), cancellationToken);
        return result.Accepted is { } message
            ? TypedResults.Accepted((string?)null, new PublishResponse(message.Id, message.Hub, message.Group))
            : ProblemResults.From(result.Rejected!);
    }
}
