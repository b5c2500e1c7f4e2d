using FanOut.Api.Health;
using FanOut.Api.History;
using FanOut.Api.Membership;
using FanOut.Api.Negotiation;
using FanOut.Api.Problems;
using FanOut.Api.Publishing;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FanOut.Api;

public static class ApiEndpointRouteBuilderExtensions
{
    /// <summary>Maps the HTTP API under <c>/api</c> for the local host (the Functions shell maps the same handlers with triggers).</summary>
    public static IEndpointRouteBuilder MapFanOutApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/" + ApiRoutes.Prefix);
        api.MapPost(ApiRoutes.Messages, PublishEndpoint.HandleAsync).WithName("Publish").DisableAntiforgery();
        api.MapGet(ApiRoutes.Messages, HistoryEndpoint.HandleAsync).WithName("History");
        api.MapPut(ApiRoutes.Connection, MembershipEndpoints.JoinAsync).WithName("JoinGroup");
        api.MapDelete(ApiRoutes.Connection, MembershipEndpoints.LeaveAsync).WithName("LeaveGroup");
        api.MapPost(ApiRoutes.Negotiate, NegotiateEndpoint.HandleAsync).WithName("Negotiate");
        api.MapGet(ApiRoutes.Health, HealthEndpoint.HandleAsync).WithName("Health");
        endpoints.MapFallback(() => ProblemResults.From(new Rejection(RejectionCodes.NotFound, "There is no such route; see the README for the API.")));
        return endpoints;
    }
}
