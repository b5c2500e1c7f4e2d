using Microsoft.AspNetCore.SignalR;

namespace FanOut.LocalHost.SignalRService;

/// <summary>
/// The stand-in's <c>/client</c> endpoint serving every hub name (from <c>?hub=</c>, checked by
/// <see cref="ClientTokenMiddleware"/>). Serverless mode: clients only listen, so it has no methods.
/// Each connection joins its hub's hub-wide group, so hub-wide sends reach only that hub.
/// </summary>
public sealed class ServiceClientHub(ConnectionRegistry registry) : Hub
{
    public const string Path = "/client";

    public override async Task OnConnectedAsync()
    {
        var hub = Context.User?.FindFirst(ClientTokenMiddleware.HubClaim)?.Value
            ?? throw new HubException("The connection has no hub.");
        registry.Add(Context.ConnectionId, hub);
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroupNames.HubWide(hub));
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        registry.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
