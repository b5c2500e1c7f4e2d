using FanOut.Api;
using FanOut.Api.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FanOut.Functions.Webhooks;

/// <summary>Webhook senders post here unchanged; the handler verifies and publishes (see <see cref="WebhookHandler"/>).</summary>
public sealed class WebhookFunction(WebhookHandler handler)
{
    [Function(nameof(Webhook))]
    public Task<IResult> Webhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Webhook)] HttpRequest request,
        string hub,
        string group,
        string source,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(request, hub, group, source, cancellationToken);
}
