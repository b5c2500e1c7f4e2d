using FanOut.Api.Access;
using FanOut.Core.Health;
using Microsoft.AspNetCore.Http;

namespace FanOut.Api.Health;

/// <summary>
/// <c>GET /api/health</c>: 200 when queue, table and SignalR all answer, 503 otherwise, with each check's
/// status and duration. Error texts (which can name endpoints) only for callers holding a publisher key;
/// they are always in the log.
/// </summary>
public sealed class HealthHandler(HealthCheck health, CallerResolver callers)
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var report = await health.CheckAsync(cancellationToken);
        var details = callers.IsAnyPublisher(request);
        var body = new
        {
            status = Status(report.Healthy),
            checks = report.Checks.ToDictionary(
                c => c.Name,
                c => new { status = Status(c.Healthy), durationMs = Math.Round(c.DurationMs, 1), error = details ? c.Error : null }),
        };
        return TypedResults.Json(body, statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static string Status(bool healthy) => healthy ? "healthy" : "unhealthy";
}
