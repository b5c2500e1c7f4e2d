using FanOut.Api.Problems;
using FanOut.Core.Negotiation;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace FanOut.Api.Negotiation;

/// <summary>
/// <c>POST /api/hubs/{hub}/negotiate</c>: Azure SignalR Service's serverless negotiate answer
/// (<c>{url, accessToken}</c>) so <c>withUrl(".../api/hubs/{hub}")</c> works against either host.
/// The local host passes the optional <c>userId</c> query parameter; the Functions shell lets its
/// SignalRConnectionInfo binding answer instead.
/// </summary>
public static class NegotiateEndpoint
{
    public static IResult Handle(string hub, string? userId, IClientNegotiator negotiator)
    {
        var rejection = NameRules.CheckHub(hub) ?? (userId is null ? null : NameRules.CheckUserId(userId));
        return rejection is null
            ? TypedResults.Ok(negotiator.Negotiate(NameRules.CanonicalHub(hub), userId))
            : ProblemResults.From(rejection);
    }
}
