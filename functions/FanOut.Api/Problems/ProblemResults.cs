using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace FanOut.Api.Problems;

/// <summary>
/// Turns a <see cref="Rejection"/> into RFC 9457 problem details: <c>application/problem+json</c>
/// with the stable <c>code</c> member clients switch on, and the matching status.
/// </summary>
public static class ProblemResults
{
    public const string TypeBase = "https://github.com/fanout/problems/";

    public static IResult From(Rejection rejection) =>
        TypedResults.Problem(
            statusCode: StatusFor(rejection.Code),
            title: TitleFor(rejection.Code),
            detail: rejection.Detail,
            type: TypeBase + rejection.Code,
            extensions: new Dictionary<string, object?> { ["code"] = rejection.Code });

    public static int StatusFor(string code) => code switch
    {
        RejectionCodes.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        RejectionCodes.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        RejectionCodes.NotFound or RejectionCodes.UnknownConnection => StatusCodes.Status404NotFound,
        RejectionCodes.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string TitleFor(string code) => code switch
    {
        RejectionCodes.PayloadTooLarge => "The body is too large.",
        RejectionCodes.UnsupportedMediaType => "The body must be JSON.",
        RejectionCodes.NotFound or RejectionCodes.UnknownConnection => "Not found.",
        RejectionCodes.Unavailable => "A dependency is unavailable.",
        _ => "The request is invalid.",
    };
}
