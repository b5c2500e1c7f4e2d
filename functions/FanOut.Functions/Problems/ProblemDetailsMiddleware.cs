using FanOut.Api.Problems;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace FanOut.Functions.Problems;

/// <summary>
/// The Functions host's counterpart of the local host's exception handler: an HTTP function that fails
/// because a body could not be read or a dependency is down answers the same problem details
/// (<see cref="FailureMapping"/>) instead of the host's bare 500. Other functions' exceptions pass on,
/// so a queue trigger still fails and is retried.
/// </summary>
internal sealed partial class ProblemDetailsMiddleware(ILogger<ProblemDetailsMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (context.GetHttpContext() is { } http && FailureMapping.TryMap(Unwrap(ex), http.RequestAborted) is { } rejection)
        {
            LogRequestFailed(logger, ex, context.FunctionDefinition.Name, rejection.Code);
            await ProblemResults.From(rejection).ExecuteAsync(http);
        }
    }

    /// <summary>The worker wraps what a function throws; look at what it threw.</summary>
    private static Exception Unwrap(Exception exception) =>
        exception is AggregateException { InnerExceptions.Count: 1 } single ? single.InnerException! : exception.InnerException ?? exception;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Function {Function} failed and was answered with {Code}")]
    private static partial void LogRequestFailed(ILogger logger, Exception error, string function, string code);
}
