using System.Globalization;
using FanOut.Api.Problems;
using FanOut.Core.History;
using FanOut.Core.Messages;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace FanOut.Api.History;

/// <summary><c>GET /api/hubs/{hub}/groups/{group}/messages?after={offset}&amp;limit={n}</c>: the group's history, ascending, paged.</summary>
public static class HistoryEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpRequest request, string hub, string group, HistoryQuery history, CancellationToken cancellationToken)
    {
        if (!TryReadLong(request.Query["after"], out var after) || !TryReadInt(request.Query["limit"], out var limit))
        {
            return ProblemResults.From(new Rejection(RejectionCodes.InvalidQuery, "'after' and 'limit' are whole numbers."));
        }

        var (page, rejection) = await history.ReadAsync(hub, group, after ?? 0, limit, cancellationToken);
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
