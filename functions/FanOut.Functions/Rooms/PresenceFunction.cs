using FanOut.Api;
using FanOut.Api.Rooms;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FanOut.Functions.Rooms;

/// <summary>Who is in a group and online (see <see cref="PresenceHandler"/>).</summary>
public sealed class PresenceFunction(PresenceHandler handler)
{
    [Function(nameof(Presence))]
    public Task<IResult> Presence(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Presence)] HttpRequest request,
        string hub,
        string group,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(request, hub, group, cancellationToken);
}
