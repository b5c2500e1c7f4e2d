using FanOut.Api.Admin;
using FanOut.Api.Health;
using FanOut.Api.History;
using FanOut.Api.Membership;
using FanOut.Api.Negotiation;
using FanOut.Api.Problems;
using FanOut.Api.Publishing;
using FanOut.Api.Rooms;
using FanOut.Api.Upstream;
using FanOut.Api.Webhooks;
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
        api.MapPost(ApiRoutes.Messages, (HttpRequest r, string hub, string group, PublishHandler h, CancellationToken ct) => h.HandleGroupAsync(r, hub, group, ct))
            .WithName("Publish").DisableAntiforgery();
        api.MapPost(ApiRoutes.HubMessages, (HttpRequest r, string hub, PublishHandler h, CancellationToken ct) => h.HandleHubAsync(r, hub, ct))
            .WithName("PublishToHub").DisableAntiforgery();
        api.MapGet(ApiRoutes.Messages, (HttpRequest r, string hub, string group, HistoryHandler h, CancellationToken ct) => h.HandleGroupAsync(r, hub, group, ct))
            .WithName("History");
        api.MapGet(ApiRoutes.HubMessages, (HttpRequest r, string hub, HistoryHandler h, CancellationToken ct) => h.HandleHubAsync(r, hub, ct))
            .WithName("HubHistory");
        api.MapGet(ApiRoutes.UserMessages, (HttpRequest r, string hub, string userId, HistoryHandler h, CancellationToken ct) => h.HandleUserAsync(r, hub, userId, ct))
            .WithName("UserHistory");
        api.MapPost(ApiRoutes.Webhook, (HttpRequest r, string hub, string group, string source, WebhookHandler h, CancellationToken ct) => h.HandleAsync(r, hub, group, source, ct))
            .WithName("Webhook").DisableAntiforgery();
        api.MapGet(ApiRoutes.Presence, (HttpRequest r, string hub, string group, PresenceHandler h, CancellationToken ct) => h.HandleAsync(r, hub, group, ct))
            .WithName("Presence");
        api.MapPut(ApiRoutes.GroupUser, (HttpRequest r, string hub, string group, string userId, MembershipHandler h, CancellationToken ct) => h.ChangeUserAsync(r, hub, group, userId, join: true, ct))
            .WithName("AddUserToGroup");
        api.MapDelete(ApiRoutes.GroupUser, (HttpRequest r, string hub, string group, string userId, MembershipHandler h, CancellationToken ct) => h.ChangeUserAsync(r, hub, group, userId, join: false, ct))
            .WithName("RemoveUserFromGroup");
        api.MapPut(ApiRoutes.GroupConnection, (HttpRequest r, string hub, string group, string connectionId, MembershipHandler h, CancellationToken ct) => h.ChangeConnectionAsync(r, hub, group, connectionId, join: true, ct))
            .WithName("AddConnectionToGroup");
        api.MapDelete(ApiRoutes.GroupConnection, (HttpRequest r, string hub, string group, string connectionId, MembershipHandler h, CancellationToken ct) => h.ChangeConnectionAsync(r, hub, group, connectionId, join: false, ct))
            .WithName("RemoveConnectionFromGroup");
        api.MapPost(ApiRoutes.Negotiate, (HttpRequest r, string hub, NegotiateHandler h, CancellationToken ct) => h.HandleAsync(r, hub, ct))
            .WithName("Negotiate");
        api.MapPost(ApiRoutes.Upstream, (HttpRequest r, string hub, string category, string @event, UpstreamHandler h, CancellationToken ct) => h.HandleAsync(r, hub, category, @event, ct))
            .WithName("Upstream").DisableAntiforgery();
        api.MapGet(ApiRoutes.Health, (HttpRequest r, HealthHandler h, CancellationToken ct) => h.HandleAsync(r, ct))
            .WithName("Health");
        api.MapGet(ApiRoutes.AdminStats, (HttpRequest r, StatsHandler h, CancellationToken ct) => h.HandleAsync(r, ct))
            .WithName("Stats");
        api.MapGet(ApiRoutes.AdminPoison, (HttpRequest r, PoisonHandler h, CancellationToken ct) => h.ListAsync(r, ct))
            .WithName("PoisonMessages");
        api.MapPost(ApiRoutes.AdminPoisonReplay, (HttpRequest r, string messageId, PoisonHandler h, CancellationToken ct) => h.ReplayAsync(r, messageId, ct))
            .WithName("ReplayPoison").DisableAntiforgery();
        endpoints.MapFallback(() => ProblemResults.From(new Rejection(RejectionCodes.NotFound, "There is no such route; see the README for the API.")));
        return endpoints;
    }
}
