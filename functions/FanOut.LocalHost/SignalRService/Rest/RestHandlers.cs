using System.Text.Json;
using FanOut.SignalR.Tokens;
using Microsoft.AspNetCore.SignalR;

namespace FanOut.LocalHost.SignalRService.Rest;

/// <summary>
/// What each REST operation does, through <see cref="IHubContext{THub}"/>. A send's body must be
/// <c>{"target": string, "arguments": [...]}</c> of valid JSON, else 400 and nobody receives anything;
/// arguments stay <see cref="JsonElement"/> values, so clients receive the JSON the app sent.
/// </summary>
internal static partial class RestHandlers
{
    public static async Task<IResult> HandleAsync(RestRoute route, HttpContext context)
    {
        var services = context.RequestServices;
        var clients = services.GetRequiredService<IHubContext<ServiceClientHub>>();
        var registry = services.GetRequiredService<ConnectionRegistry>();
        var userGroups = services.GetRequiredService<UserGroups>();
        var method = context.Request.Method;
        var aborted = context.RequestAborted;
        var hub = route.Hub!;
        switch (route.Operation)
        {
            case RestOperation.SendToHub or RestOperation.SendToGroup or RestOperation.SendToUser or RestOperation.SendToConnection:
                if (await ReadPayloadAsync(context.Request) is not { } payload)
                {
                    return RestResults.Error(StatusCodes.Status400BadRequest, "InvalidPayload", "The body must be {\"target\": string, \"arguments\": [...]} of valid JSON.");
                }

                string[] excluded = [.. context.Request.Query["excluded"].Where(id => !string.IsNullOrEmpty(id)).Select(id => id!)];
                var target = route.Operation switch
                {
                    RestOperation.SendToHub => clients.Clients.GroupExcept(HubGroupNames.HubWide(hub), excluded),
                    RestOperation.SendToGroup => clients.Clients.GroupExcept(HubGroupNames.Group(hub, route.Group!), excluded),
                    RestOperation.SendToUser => clients.Clients.Clients(registry.ConnectionsOf(hub, route.UserId!)),
                    _ => clients.Clients.Client(route.ConnectionId!),
                };
                await target.SendCoreAsync(payload.Target, payload.Arguments, aborted);
                return Results.StatusCode(StatusCodes.Status202Accepted);

            case RestOperation.GenerateToken:
                return GenerateToken(context, hub);

            case RestOperation.Connection:
                return registry.IsConnected(hub, route.ConnectionId!) ? Results.Ok() : Results.NotFound();

            case RestOperation.GroupConnection when HttpMethods.IsPut(method):
                if (!await registry.WaitUntilConnectedAsync(hub, route.ConnectionId!, aborted))
                {
                    return RestResults.Error(StatusCodes.Status404NotFound, "NotFound", $"Connection '{route.ConnectionId}' is not connected to hub '{hub}'.");
                }

                await clients.Groups.AddToGroupAsync(route.ConnectionId!, HubGroupNames.Group(hub, route.Group!), aborted);
                return Results.Ok();

            case RestOperation.GroupConnection:
                await clients.Groups.RemoveFromGroupAsync(route.ConnectionId!, HubGroupNames.Group(hub, route.Group!), aborted);
                return Results.Ok();

            case RestOperation.UserGroup when HttpMethods.IsPut(method):
                userGroups.Add(hub, route.UserId!, route.Group!);
                foreach (var connection in registry.ConnectionsOf(hub, route.UserId!))
                {
                    await clients.Groups.AddToGroupAsync(connection, HubGroupNames.Group(hub, route.Group!), aborted);
                }

                return Results.Ok();

            case RestOperation.UserGroup when HttpMethods.IsDelete(method):
                userGroups.Remove(hub, route.UserId!, route.Group!);
                foreach (var connection in registry.ConnectionsOf(hub, route.UserId!))
                {
                    await clients.Groups.RemoveFromGroupAsync(connection, HubGroupNames.Group(hub, route.Group!), aborted);
                }

                return Results.NoContent();

            case RestOperation.UserGroup:
                return userGroups.Contains(hub, route.UserId!, route.Group!) ? Results.Ok() : Results.NotFound();

            default:
                return Results.Ok();
        }
    }

    /// <summary>A client token for this stand-in's <c>/client/?hub=</c>, signed with its AccessKey, <c>nameid</c> = the user.</summary>
    private static IResult GenerateToken(HttpContext context, string hub)
    {
        var query = context.Request.Query;
        var minutes = int.TryParse(query["minutesToExpire"], System.Globalization.CultureInfo.InvariantCulture, out var m) && m >= 1 ? m : 60;
        var userId = query["userId"].ToString() is { Length: > 0 } user ? user : null;
        var audience = $"{context.Request.Scheme}://{context.Request.Host}{ServiceClientHub.Path}/?hub={Uri.EscapeDataString(hub)}";
        var token = context.RequestServices.GetRequiredService<AccessKeyTokenIssuer>().CreateToken(audience, TimeSpan.FromMinutes(minutes), userId);
        return Results.Json(new { token });
    }

    private static async Task<(string Target, object?[] Arguments)?> ReadPayloadAsync(HttpRequest request)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("target", out var target) || target.ValueKind != JsonValueKind.String
                || string.IsNullOrEmpty(target.GetString()))
            {
                return null;
            }

            var arguments = root.TryGetProperty("arguments", out var args) && args.ValueKind == JsonValueKind.Array
                ? args.EnumerateArray().Select(a => (object?)a.Clone()).ToArray()
                : [];
            return (target.GetString()!, arguments);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
