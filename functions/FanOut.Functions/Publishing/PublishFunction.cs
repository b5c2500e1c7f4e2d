using FanOut.Api;
using FanOut.Api.Publishing;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FanOut.Functions.Publishing;

/// <summary>Publish: check, validate and enqueue (see <see cref="PublishHandler"/>).</summary>
public sealed class PublishFunction(PublishHandler handler)
{
    [Function(nameof(Publish))]
    public Task<IResult> Publish(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Messages)] HttpRequest request,
        string hub,
        string group,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(request, hub, group, cancellationToken);
}
