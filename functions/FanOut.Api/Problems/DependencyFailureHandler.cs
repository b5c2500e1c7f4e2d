using Azure;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FanOut.Api.Problems;

/// <summary>
/// When Storage or SignalR fails under a request, the client gets a 503 problem with code
/// <c>unavailable</c> (retry later; nothing was accepted) instead of a bare 500.
/// </summary>
public sealed partial class DependencyFailureHandler(ILogger<DependencyFailureHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (RequestFailedException or HttpRequestException or TimeoutException))
        {
            return false;
        }

        LogDependencyFailed(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        var problem = ProblemResults.From(new Rejection(RejectionCodes.Unavailable, "Storage or SignalR did not answer; nothing was accepted. Retry later."));
        await problem.ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A dependency failed under {Method} {Path}")]
    private static partial void LogDependencyFailed(ILogger logger, Exception error, string method, string path);
}
