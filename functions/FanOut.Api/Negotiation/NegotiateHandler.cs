using FanOut.Api.Access;
using FanOut.Api.Problems;
using FanOut.Core.Access;
using FanOut.Core.Negotiation;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace FanOut.Api.Negotiation;

/// <summary>
/// <c>POST /api/hubs/{hub}/negotiate</c>: Azure SignalR Service's serverless negotiate answer
/// (<c>{url, accessToken}</c>), so <c>withUrl(".../api/hubs/{hub}")</c> works against either host. The hub's
/// policy decides who may connect and which user id the connection gets; <c>?userId=</c> is honoured
/// only for publishers and, in Development, where the hub allows it.
/// </summary>
public sealed class NegotiateHandler(HubGate gate, HubAccess access, IClientNegotiator negotiator, IHostEnvironment environment)
{
    public async Task<IResult> HandleAsync(HttpRequest request, string hub, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var requested = request.Query["userId"].ToString() is { Length: > 0 } asked ? asked : null;
        if (requested is not null && NameRules.CheckUserId(requested) is { } badUser)
        {
            return ProblemResults.From(badUser);
        }

        var entry = await gate.EnterAsync(request.HttpContext, hub);
        if (entry.Rejected is { } refused)
        {
            return ProblemResults.From(refused);
        }

        var policy = entry.Policy!;
        var (userId, denied) = await access.CheckConnectAsync(policy, entry.Caller!, requested, environment.IsDevelopment(), cancellationToken);
        return denied is not null
            ? ProblemResults.From(denied)
            : TypedResults.Ok(await negotiator.NegotiateAsync(policy.Hub, userId, policy.Options.Connect.TokenLifetime, cancellationToken));
    }
}
