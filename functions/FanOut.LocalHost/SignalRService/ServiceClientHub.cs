using System.Text.Json;
using FanOut.LocalHost.SignalRService.Upstream;
using Microsoft.AspNetCore.SignalR;

namespace FanOut.LocalHost.SignalRService;

/// <summary>
/// The stand-in's <c>/client</c> endpoint serving every hub name (from <c>?hub=</c>, checked by
/// <see cref="ClientTokenMiddleware"/>). Each connection joins its hub's hub-wide group and its user's
/// groups. Serverless mode: the app lives upstream, so connection events and the client methods below
/// are forwarded there and the app's answer is the invocation's result. (Azure forwards any method name;
/// a hub here must name the ones it forwards.)
/// </summary>
public sealed class ServiceClientHub(ConnectionRegistry registry, UserGroups userGroups, UpstreamClient upstream) : Hub
{
    public const string Path = "/client";

    public override async Task OnConnectedAsync()
    {
        var (hub, user, id) = (Hub, Context.UserIdentifier, Context.ConnectionId);
        registry.Add(id, hub, user);
        await Groups.AddToGroupAsync(id, HubGroupNames.HubWide(hub));
        foreach (var group in user is null ? [] : userGroups.Of(hub, user))
        {
            await Groups.AddToGroupAsync(id, HubGroupNames.Group(hub, group));
        }

        _ = upstream.SendConnectionEventAsync(hub, id, user, "connected", null);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        registry.Remove(Context.ConnectionId);
        _ = upstream.SendConnectionEventAsync(Hub, Context.ConnectionId, Context.UserIdentifier, "disconnected", exception?.Message);
        return base.OnDisconnectedAsync(exception);
    }

    public Task<JsonElement?> Join(JsonElement request) => ForwardAsync("join", request);

    public Task<JsonElement?> Leave(JsonElement request) => ForwardAsync("leave", request);

    public Task<JsonElement?> Publish(JsonElement request) => ForwardAsync("publish", request);

    public Task<JsonElement?> History(JsonElement request) => ForwardAsync("history", request);

    public Task<JsonElement?> Presence(JsonElement request) => ForwardAsync("presence", request);

    private string Hub => Context.User?.FindFirst(ClientTokenMiddleware.HubClaim)?.Value
        ?? throw new HubException("The connection has no hub.");

    private Task<JsonElement?> ForwardAsync(string target, JsonElement argument) =>
        upstream.InvokeAsync(Hub, Context.ConnectionId, Context.UserIdentifier, target, [argument], Context.ConnectionAborted);
}
