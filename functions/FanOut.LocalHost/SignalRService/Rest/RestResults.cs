namespace FanOut.LocalHost.SignalRService.Rest;

/// <summary>Azure SignalR Service's REST error shape: <c>{"code": ..., "message": ...}</c>.</summary>
internal static class RestResults
{
    public static IResult Error(int status, string code, string? message) =>
        Results.Json(new { code, message = message ?? code }, statusCode: status);
}
