using FanOut.Api.Access;
using FanOut.Api.Publishing;
using FanOut.Core.Access;
using FanOut.Core.Rooms;
using FanOut.Core.Validation;
using FanOut.SignalR.Upstream;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FanOut.Api.Upstream;

/// <summary>
/// <c>POST /api/upstream/{hub}/{category}/{event}</c>: where Azure SignalR Service (serverless mode) sends
/// connection events and client invocations. A request that is not provably from our service is refused
/// (401) before anything else; an invocation is answered with a completion message.
/// </summary>
public sealed partial class UpstreamHandler(
    UpstreamAuthenticator authenticator, HubPolicies policies, ClientEventHandler clientEvents, HubEvents hubEvents, ILogger<UpstreamHandler> logger)
{
    /// <summary>The largest upstream body read: an invocation carries at most a publish body and its wrapping.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public async Task<IResult> HandleAsync(HttpRequest request, string hub, string category, string @event, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var connectionId = request.Headers[UpstreamHeaders.ConnectionId].ToString();
        if (string.IsNullOrEmpty(connectionId) || !await authenticator.IsGenuineAsync(request.HttpContext, connectionId))
        {
            LogRefused(logger, hub, category, @event);
            return TypedResults.Unauthorized();
        }

        if (policies.Find(hub) is not { } policy)
        {
            return TypedResults.NotFound();
        }

        var userId = request.Headers[UpstreamHeaders.UserId].ToString() is { Length: > 0 } id ? id : null;
        var client = new Caller(CallerKind.Connection, UserId: userId, ConnectionId: connectionId);
        hubEvents.SweepInBackground();
        if (category == UpstreamHeaders.ConnectionsCategory)
        {
            await (@event == "connected"
                ? hubEvents.ConnectedAsync(policy.Hub, connectionId, userId, cancellationToken)
                : hubEvents.DisconnectedAsync(policy.Hub, connectionId, userId, cancellationToken));
            return TypedResults.Ok();
        }

        var (body, unreadable) = await JsonBodyReader.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (unreadable is not null || UpstreamInvocation.Parse(body) is not { } invocation)
        {
            return TypedResults.BadRequest();
        }

        var (result, error) = await clientEvents.InvokeAsync(policy, client, invocation, cancellationToken);
        var completion = error is null
            ? CompletionMessage.Result(invocation.InvocationId, result)
            : CompletionMessage.Error(invocation.InvocationId, error.Code, error.Detail);
        return TypedResults.Bytes(completion, "application/json");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an upstream {Category}/{Event} request for hub {Hub} that is not signed by our SignalR service")]
    private static partial void LogRefused(ILogger logger, string hub, string category, string @event);
}
