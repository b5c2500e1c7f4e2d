using FanOut.Core.Validation;
using FanOut.SignalR.Tokens;

namespace FanOut.LocalHost.SignalRService.Rest;

/// <summary>
/// The stand-in's data-plane REST API. Every call needs an AccessKey token whose audience is the request
/// URL without query (see <see cref="AudienceRules"/>); answers are Azure's: 202 for sends, 200 for group
/// changes and checks that hold, 404 for checks that do not and for adding a connection it does not have.
/// </summary>
internal static class StandInRestApi
{
    public static async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var validator = context.RequestServices.GetRequiredService<AccessKeyTokenValidator>();
        var auth = await validator.ValidateAsync(BearerToken.Read(request), aud => AudienceRules.IsRestAudience(aud, request));
        if (!auth.IsValid)
        {
            await RestResults.Error(StatusCodes.Status401Unauthorized, "Unauthorized", auth.Error).ExecuteAsync(context);
            return;
        }

        var route = RestRoute.Parse(request.Path);
        IResult result = route switch
        {
            null => RestResults.Error(StatusCodes.Status404NotFound, "NotFound", "No such REST API."),
            _ when !route.Methods.Contains(request.Method, StringComparer.OrdinalIgnoreCase) =>
                RestResults.Error(StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed", $"{request.Method} is not allowed here."),
            _ when route.Hub is not null && NameRules.CheckHub(route.Hub) is { } bad => RestResults.Error(StatusCodes.Status400BadRequest, "InvalidHub", bad.Detail),
            _ when route.Group is { Length: 0 or > 1024 } => RestResults.Error(StatusCodes.Status400BadRequest, "InvalidGroup", "A group name is 1-1024 characters."),
            _ => await RestHandlers.HandleAsync(route, context),
        };
        await result.ExecuteAsync(context);
    }
}
