using FanOut.Api.Problems;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace FanOut.Api.Admin;

/// <summary>
/// The poison queue for operators (admin key): <c>GET /api/manage/poison</c> lists the first messages with what
/// they say; <c>POST /api/manage/poison/{messageId}/replay</c> (the queue message's id, or the FanOut message id)
/// sends one back to the delivery queue and removes it from the poison queue.
/// </summary>
public sealed class PoisonHandler(AdminGate gate, PoisonQueue poison)
{
    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (gate.Check(request) is { } denied)
        {
            return ProblemResults.From(denied);
        }

        var depths = await poison.DepthsAsync(cancellationToken);
        var messages = await poison.PeekAsync(cancellationToken);
        return TypedResults.Ok(new { count = depths.Poison ?? messages.Count, shown = messages.Count, messages });
    }

    public async Task<IResult> ReplayAsync(HttpRequest request, string messageId, CancellationToken cancellationToken)
    {
        if (gate.Check(request) is { } denied)
        {
            return ProblemResults.From(denied);
        }

        var replayed = await poison.ReplayAsync(messageId, cancellationToken);
        return replayed is not null
            ? TypedResults.Accepted((string?)null, new { replayed })
            : ProblemResults.From(new Rejection(RejectionCodes.NotFound, $"No message '{messageId}' is in the poison queue."));
    }
}
