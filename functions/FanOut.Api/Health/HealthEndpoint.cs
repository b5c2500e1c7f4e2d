using FanOut.Core.Health;
using Microsoft.AspNetCore.Http;

namespace FanOut.Api.Health;

/// <summary>
/// <c>GET /api/health</c>: 200 when queue, table and SignalR all answer, 503 otherwise, with each
/// check's status and duration. Error texts (which can name endpoints) go to the log, not to callers.
/// </summary>
public static class HealthEndpoint
{
    public static async Task<IResult> HandleAsync(HealthCheck health, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(health);
        var report = await health.CheckAsync(cancellationToken);
        var body = new
        {
            status = Status(report.Healthy),
            checks = report.Checks.ToDictionary(c => c.Name, c => new { status = Status(c.Healthy), durationMs = Math.Round(c.DurationMs, 1) }),
        };
        return TypedResults.Json(body, statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static string Status(bool healthy) => healthy ? "healthy" : "unhealthy";
}
