using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FanOut.Api.Problems;

/// <summary>The local host's exception handler: answers what <see cref="FailureMapping"/> recognises with its problem details.</summary>
public sealed partial class DependencyFailureHandler(ILogger<DependencyFailureHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (FailureMapping.TryMap(exception, httpContext.RequestAborted) is not { } rejection)
        {
            return false;
        }

        LogRequestFailed(logger, exception, httpContext.Request.Method, httpContext.Request.Path, rejection.Code);
        await ProblemResults.From(rejection).ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} failed and was answered with {Code}")]
    private static partial void LogRequestFailed(ILogger logger, Exception error, string method, string path, string code);
}
