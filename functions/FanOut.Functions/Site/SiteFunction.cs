using FanOut.Api;
using FanOut.Api.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FanOut.Functions.Site;

/// <summary>The chat page (<c>/api/ui/</c>), the dashboard (<c>/api/ui/dashboard</c>) and the client library; see <see cref="SiteHandler"/>.</summary>
public sealed class SiteFunction(SiteHandler handler)
{
    [Function(nameof(Site))]
    public IResult Site(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Site)] HttpRequest request,
        string? path) =>
        handler.Handle(request, path);
}
