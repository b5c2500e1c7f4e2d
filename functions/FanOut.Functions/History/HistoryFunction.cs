using FanOut.Api;
using FanOut.Api.History;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FanOut.Functions.History;

/// <summary>The history of a group, of the hub's hub-wide messages, or of a user's (see <see cref="HistoryHandler"/>).</summary>
public sealed class HistoryFunction(HistoryHandler handler)
{
    [Function(nameof(History))]
    public Task<IResult> History(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Messages)] HttpRequest request,
        string hub,
        string group,
        CancellationToken cancellationToken) =>
        handler.HandleGroupAsync(request, hub, group, cancellationToken);

    [Function(nameof(HubHistory))]
    public Task<IResult> HubHistory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.HubMessages)] HttpRequest request,
        string hub,
        CancellationToken cancellationToken) =>
        handler.HandleHubAsync(request, hub, cancellationToken);

    [Function(nameof(UserHistory))]
    public Task<IResult> UserHistory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.UserMessages)] HttpRequest request,
        string hub,
        string userId,
        CancellationToken cancellationToken) =>
        handler.HandleUserAsync(request, hub, userId, cancellationToken);
}
