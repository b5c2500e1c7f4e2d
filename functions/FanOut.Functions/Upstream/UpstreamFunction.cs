using FanOut.Api;
using FanOut.Api.Upstream;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FanOut.Functions.Upstream;

/// <summary>
/// Azure SignalR Service's upstream (connection events and client invocations), as a plain HTTP trigger:
/// the handler checks the service's signature or managed-identity token itself (see <see cref="UpstreamHandler"/>),
/// so no system key and no SignalR trigger binding is needed.
/// </summary>
public sealed class UpstreamFunction(UpstreamHandler handler)
{
    [Function(nameof(Upstream))]
    public Task<IResult> Upstream(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Upstream)] HttpRequest request,
        string hub,
        string category,
        string @event,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(request, hub, category, @event, cancellationToken);
}
