using System.Security.Claims;
using FanOut.Core.Validation;
using FanOut.SignalR.Tokens;

namespace FanOut.LocalHost.SignalRService;

/// <summary>
/// Guards <c>/client</c> (negotiate and connect) like Azure SignalR Service: <c>?hub=</c> must be a valid hub
/// name (else 400) and the bearer token (<c>Authorization</c> header, or <c>access_token</c> query as browsers
/// send on WebSockets) a valid AccessKey client token for that hub (else 401). The token's <c>nameid</c>
/// becomes the connection's user identifier.
/// </summary>
internal sealed partial class ClientTokenMiddleware(RequestDelegate next, AccessKeyTokenValidator validator, ILogger<ClientTokenMiddleware> logger)
{
    public const string HubClaim = "fanout:hub";

    public async Task InvokeAsync(HttpContext context)
    {
        var hub = context.Request.Query["hub"].ToString();
        if (NameRules.CheckHub(hub) is { } rejection)
        {
            await Results.Problem(rejection.Detail, statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["code"] = rejection.Code }).ExecuteAsync(context);
            return;
        }

        var result = await validator.ValidateAsync(BearerToken.Read(context.Request), aud => AudienceRules.IsClientAudience(aud, hub, context.Request));
        if (!result.IsValid)
        {
            LogRefused(logger, hub, result.Error);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return;
        }

        List<Claim> claims = [new(HubClaim, HubGroupNames.Normalize(hub))];
        if (result.UserId is { } userId)
        {
            claims.Add(new Claim(ClaimTypes.NameIdentifier, userId));
        }

        context.User = new ClaimsPrincipal(new ClaimsIdentity(claims, "AccessKey"));
        await next(context);
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Refused a client of hub {Hub}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string hub, string? reason);
}
