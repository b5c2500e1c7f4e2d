using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace FanOut.Api.Problems;

/// <summary>
/// Turns a <see cref="Rejection"/> into RFC 9457 problem details: <c>application/problem+json</c>
/// with the stable <c>code</c> member clients switch on, and the matching status. A 503 also says
/// when to retry (<c>Retry-After</c>).
/// </summary>
public static class ProblemResults
{
    public const string TypeBase = "https://github.com/fanout/problems/";

    /// <summary>Seconds a client should wait before retrying after a 503 (a 429 says its own).</summary>
    public const int RetryAfterSeconds = 5;

    public static IResult From(Rejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        var status = StatusFor(rejection.Code);
        var problem = TypedResults.Problem(
            statusCode: status,
            title: TitleFor(status),
            detail: rejection.Detail,
            type: TypeBase + rejection.Code,
            extensions: new Dictionary<string, object?> { ["code"] = rejection.Code });
        var retryAfter = rejection.RetryAfter is { } wait ? (int)Math.Ceiling(wait.TotalSeconds)
            : status == StatusCodes.Status503ServiceUnavailable ? RetryAfterSeconds : 0;
        return (retryAfter, status) switch
        {
            ( > 0, _) => new WithHeaderResult(problem, "Retry-After", retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (_, StatusCodes.Status401Unauthorized) => new WithHeaderResult(problem, "WWW-Authenticate", "Bearer"),
            _ => problem,
        };
    }

    public static int StatusFor(string code) => code switch
    {
        RejectionCodes.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        RejectionCodes.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        RejectionCodes.RequestTimeout => StatusCodes.Status408RequestTimeout,
        RejectionCodes.IdempotencyKeyReused => StatusCodes.Status422UnprocessableEntity,
        RejectionCodes.IdempotencyKeyInUse => StatusCodes.Status409Conflict,
        RejectionCodes.NotFound or RejectionCodes.UnknownConnection or RejectionCodes.UnknownHub or RejectionCodes.UnknownWebhook => StatusCodes.Status404NotFound,
        RejectionCodes.Unauthorized or RejectionCodes.InvalidSignature => StatusCodes.Status401Unauthorized,
        RejectionCodes.Forbidden => StatusCodes.Status403Forbidden,
        RejectionCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        RejectionCodes.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string TitleFor(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "The body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "The body must be UTF-8 JSON.",
        StatusCodes.Status408RequestTimeout => "The body arrived too slowly.",
        StatusCodes.Status422UnprocessableEntity => "The Idempotency-Key belongs to another request.",
        StatusCodes.Status409Conflict => "The request conflicts with one in progress.",
        StatusCodes.Status404NotFound => "Not found.",
        StatusCodes.Status401Unauthorized => "A valid credential is needed.",
        StatusCodes.Status403Forbidden => "Not allowed.",
        StatusCodes.Status429TooManyRequests => "Too many requests.",
        StatusCodes.Status503ServiceUnavailable => "A dependency is unavailable.",
        _ => "The request is invalid.",
    };

    /// <summary>Adds a header (<c>Retry-After</c>, <c>WWW-Authenticate</c>) to a result.</summary>
    private sealed class WithHeaderResult(IResult inner, string name, string value) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => (inner as IStatusCodeHttpResult)?.StatusCode;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
