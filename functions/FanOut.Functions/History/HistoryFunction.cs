using FanOut.Api;
using FanOut.Api.History;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FanOut.Functions.History;

/// <summary>A group's history (see <see cref="HistoryHandler"/>).</summary>
public sealed class HistoryFunction(HistoryHandler handler)
{
    [Function(nameof(History))]
    public Task<IResult> History(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Messages)] HttpRequest request,
        string hub,
        string group,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(request, hub, group, cancellationToken);
}
