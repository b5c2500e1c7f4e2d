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

    /// <summary>Seconds a client should wait before retrying after a 503.</summary>
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
        return status == StatusCodes.Status503ServiceUnavailable ? new RetryAfterResult(problem, RetryAfterSeconds) : problem;
    }

    public static int StatusFor(string code) => code switch
    {
        RejectionCodes.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        RejectionCodes.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        RejectionCodes.RequestTimeout => StatusCodes.Status408RequestTimeout,
        RejectionCodes.IdempotencyKeyReused => StatusCodes.Status422UnprocessableEntity,
        RejectionCodes.IdempotencyKeyInUse => StatusCodes.Status409Conflict,
        RejectionCodes.NotFound or RejectionCodes.UnknownConnection => StatusCodes.Status404NotFound,
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
        StatusCodes.Status503ServiceUnavailable => "A dependency is unavailable.",
        _ => "The request is invalid.",
    };

    /// <summary>Adds <c>Retry-After</c> to a result.</summary>
    private sealed class RetryAfterResult(IResult inner, int seconds) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => (inner as IStatusCodeHttpResult)?.StatusCode;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
