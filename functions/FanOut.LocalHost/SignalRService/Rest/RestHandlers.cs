using System.Text.Json;
using FanOut.SignalR.Tokens;
using Microsoft.AspNetCore.SignalR;

namespace FanOut.LocalHost.SignalRService.Rest;

/// <summary>
/// What each REST operation does, through <see cref="IHubContext{THub}"/>. Send arguments stay
/// <see cref="JsonElement"/> values, so clients receive exactly the JSON the app sent.
/// </summary>
internal static partial class RestHandlers
{
    public static async Task<IResult> HandleAsync(RestRoute route, HttpContext context)
    {
        var services = context.RequestServices;
        var hubContext = services.GetRequiredService<IHubContext<ServiceClientHub>>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RestHandlers));
        var hub = route.Hub!;
        switch (route.Operation)
        {
            case RestOperation.SendToHub or RestOperation.SendToGroup:
                var payload = await ReadPayloadAsync(context.Request);
                if (payload is null)
                {
                    return RestResults.Error(StatusCodes.Status400BadRequest, "InvalidPayload", "The body must be {\"target\": string, \"arguments\": [...]}.");
                }

                var groupName = route.Group is null ? HubGroupNames.HubWide(hub) : HubGroupNames.Group(hub, route.Group);
                string[] excluded = context.Request.Query["excluded"].Where(id => !string.IsNullOrEmpty(id)).ToArray()!;
                await hubContext.Clients.GroupExcept(groupName, excluded).SendCoreAsync(payload.Value.Target, payload.Value.Arguments, context.RequestAborted);
                LogSent(logger, payload.Value.Target, groupName, excluded.Length);
                return Results.StatusCode(StatusCodes.Status202Accepted);

            case RestOperation.GroupConnection when HttpMethods.IsPut(context.Request.Method):
                if (!await services.GetRequiredService<ConnectionRegistry>().WaitUntilConnectedAsync(hub, route.ConnectionId!, context.RequestAborted))
                {
                    return RestResults.Error(StatusCodes.Status404NotFound, "NotFound", $"Connection '{route.ConnectionId}' is not connected to hub '{hub}'.");
                }

                await hubContext.Groups.AddToGroupAsync(route.ConnectionId!, HubGroupNames.Group(hub, route.Group!), context.RequestAborted);
                return Results.Ok();

            case RestOperation.GenerateToken:
                return GenerateToken(context, hub);

            case RestOperation.GroupConnection:
                await hubContext.Groups.RemoveFromGroupAsync(route.ConnectionId!, HubGroupNames.Group(hub, route.Group!), context.RequestAborted);
                return Results.Ok();

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

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "Sent {Target} to group {Group} excluding {ExcludedCount} connections")]
    private static partial void LogSent(ILogger logger, string target, string group, int excludedCount);
}
