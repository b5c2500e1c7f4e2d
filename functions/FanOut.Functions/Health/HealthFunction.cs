using FanOut.Api;
using FanOut.Api.Health;
using FanOut.Core.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FanOut.Functions.Health;

/// <summary>Health of queue, table and SignalR (see <see cref="HealthEndpoint"/>).</summary>
public sealed class HealthFunction(HealthCheck health)
{
    [Function(nameof(Health))]
    public Task<IResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Health)] HttpRequest request,
        CancellationToken cancellationToken) =>
        HealthEndpoint.HandleAsync(health, cancellationToken);
}
