using FanOut.Api;
using FanOut.Api.Publishing;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FanOut.Functions.Publishing;

/// <summary>Publish to a group, or to several groups, a user or the whole hub: check, validate and enqueue (see <see cref="PublishHandler"/>).</summary>
public sealed class PublishFunction(PublishHandler handler)
{
    [Function(nameof(Publish))]
    public Task<IResult> Publish(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Messages)] HttpRequest request,
        string hub,
        string group,
        CancellationToken cancellationToken) =>
        handler.HandleGroupAsync(request, hub, group, cancellationToken);

    [Function(nameof(PublishToHub))]
    public Task<IResult> PublishToHub(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.HubMessages)] HttpRequest request,
        string hub,
        CancellationToken cancellationToken) =>
        handler.HandleHubAsync(request, hub, cancellationToken);
}
