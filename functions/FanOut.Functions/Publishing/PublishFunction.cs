using FanOut.Api;
using FanOut.Api.Publishing;
using FanOut.Core;
using FanOut.Core.Publishing;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace FanOut.Functions.Publishing;

/// <summary>HTTP publish: validate and enqueue (see <see cref="PublishEndpoint"/>).</summary>
public sealed class PublishFunction(Publisher publisher, IOptions<FanOutOptions> options)
{
    [Function(nameof(Publish))]
    public Task<IResult> Publish(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Messages)] HttpRequest request,
        string hub,
        string group,
        CancellationToken cancellationToken) =>
        PublishEndpoint.HandleAsync(request, hub, group, publisher, options, cancellationToken);
}
