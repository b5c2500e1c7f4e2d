using FanOut.Api;
using FanOut.Api.Negotiation;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FanOut.Functions.Negotiation;

/// <summary>
/// Negotiate (see <see cref="NegotiateHandler"/>): the hub's policy picks the user id and the client token
/// comes from the service's <c>:generateToken</c> REST operation, which works with a managed identity. No
/// SignalR binding is involved, so no binding expression can make the host throw when a header is missing.
/// </summary>
public sealed class NegotiateFunction(NegotiateHandler handler)
{
    [Function(nameof(Negotiate))]
    public Task<IResult> Negotiate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Negotiate)] HttpRequest request,
        string hub,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(request, hub, cancellationToken);
}
