using Azure;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace FanOut.Api.Problems;

/// <summary>
/// Which exceptions under a request are the client's or a dependency's fault, and what to answer:
/// a body Kestrel could not read → 400 (or 408 when it came too slowly); Storage or SignalR down,
/// refusing, or timing out (including Azure.Core's "Retry failed" <see cref="AggregateException"/>) →
/// 503 <c>unavailable</c>. Both hosts use it: the local host's exception handler and the Functions
/// worker middleware. Anything else is a bug and stays a 500.
/// </summary>
public static class FailureMapping
{
    public static Rejection? TryMap(Exception exception, CancellationToken requestAborted = default) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } =>
            new(RejectionCodes.RequestTimeout, "The request body arrived too slowly; send it again."),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            new(RejectionCodes.PayloadTooLarge, "The request body is larger than the server accepts."),
        BadHttpRequestException =>
            new(RejectionCodes.UnreadableBody, "The request body could not be read (bad framing or an aborted upload); nothing was accepted."),
        AggregateException aggregate when aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(e => IsDependencyFailure(e, requestAborted)) =>
            Unavailable,
        _ when IsDependencyFailure(exception, requestAborted) => Unavailable,
        _ => null,
    };

    private static Rejection Unavailable => new(RejectionCodes.Unavailable, "Storage or SignalR did not answer; nothing was accepted. Retry later (with the same Idempotency-Key, if you sent one).");

    private static bool IsDependencyFailure(Exception exception, CancellationToken requestAborted) => exception switch
    {
        RequestFailedException { Status: 0 or 408 or 429 or >= 500 } => true,
        HttpRequestException or TimeoutException or IOException => true,
        // A dependency call that timed out, not a client that went away.
        OperationCanceledException => !requestAborted.IsCancellationRequested,
        _ => false,
    };
}
