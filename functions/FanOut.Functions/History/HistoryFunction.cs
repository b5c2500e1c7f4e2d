using FanOut.Api;
using FanOut.Api.History;
using FanOut.Core.History;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FanOut.Functions.History;

/// <summary>HTTP history query (see <see cref="HistoryEndpoint"/>).</summary>
public sealed class HistoryFunction(HistoryQuery history)
{
    [Function(nameof(History))]
    public Task<IResult> History(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Messages)] HttpRequest request,
        string hub,
        string group,
        CancellationToken cancellationToken) =>
        HistoryEndpoint.HandleAsync(request, hub, group, history, cancellationToken);
}
