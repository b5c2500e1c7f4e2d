using FanOut.Api.Problems;
using FanOut.Core.Negotiation;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace FanOut.Api.Negotiation;

/// <summary>
/// <c>POST /api/hubs/{hub}/negotiate</c>: Azure SignalR Service's serverless negotiate answer
/// (<c>{url, accessToken}</c>), so <c>withUrl(".../api/hubs/{hub}")</c> works against either host.
/// </summary>
public static class NegotiateEndpoint
{
    public static async Task<IResult> HandleAsync(string hub, string? userId, IClientNegotiator negotiator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(negotiator);
        if ((NameRules.CheckHub(hub) ?? (userId is null ? null : NameRules.CheckUserId(userId))) is { } rejection)
        {
            return ProblemResults.From(rejection);
        }

        return TypedResults.Ok(await negotiator.NegotiateAsync(NameRules.CanonicalHub(hub), userId, cancellationToken));
    }
}
