using FanOut.Api;
using FanOut.Api.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FanOut.Functions.Health;

/// <summary>Health of queue, table and SignalR (see <see cref="HealthHandler"/>).</summary>
public sealed class HealthFunction(HealthHandler handler)
{
    [Function(nameof(Health))]
    public Task<IResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Health)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(request, cancellationToken);
}
