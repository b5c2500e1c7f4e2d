using FanOut.Core.Health;
using Microsoft.AspNetCore.Http;

namespace FanOut.Api.Health;

/// <summary><c>GET /api/health</c>: 200 when queue, table and SignalR all answer, 503 with the failing ones otherwise.</summary>
public static class HealthEndpoint
{
    public static async Task<IResult> HandleAsync(HealthCheck health, CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        var body = new
        {
            status = report.Healthy ? "healthy" : "unhealthy",
            checks = report.Checks.ToDictionary(
                c => c.Name,
                c => new { status = c.Healthy ? "healthy" : "unhealthy", durationMs = Math.Round(c.DurationMs, 1), error = c.Error }),
        };
        return TypedResults.Json(body, statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
