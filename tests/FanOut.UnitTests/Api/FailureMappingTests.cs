using Azure;
using FanOut.Api.Problems;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FanOut.UnitTests.Api;

public class FailureMappingTests
{
    public static TheoryData<Exception, string> DependencyFailures => new()
    {
        { new RequestFailedException(503, "Server busy"), RejectionCodes.Unavailable },
        { new RequestFailedException(0, "no response"), RejectionCodes.Unavailable },
        { new HttpRequestException("connection refused"), RejectionCodes.Unavailable },
        { new TimeoutException(), RejectionCodes.Unavailable },
        { new TaskCanceledException("The operation was cancelled because it exceeded the network timeout"), RejectionCodes.Unavailable },
        // Azure.Core's retry policy gives up with one of these.
        { new AggregateException("Retry failed after 4 tries.", new HttpRequestException("refused"), new RequestFailedException(500, "oops")), RejectionCodes.Unavailable },
    };

    [Theory]
    [MemberData(nameof(DependencyFailures))]
    public void TryMap_DependencyFailures_AreUnavailable(Exception exception, string code) =>
        Assert.Equal(code, FailureMapping.TryMap(exception)?.Code);

    [Theory]
    [InlineData(StatusCodes.Status400BadRequest, RejectionCodes.UnreadableBody)]
    [InlineData(StatusCodes.Status408RequestTimeout, RejectionCodes.RequestTimeout)]
    [InlineData(StatusCodes.Status413PayloadTooLarge, RejectionCodes.PayloadTooLarge)]
    public void TryMap_BodiesKestrelCouldNotRead_AreTheClientsFault(int status, string code) =>
        Assert.Equal(code, FailureMapping.TryMap(new BadHttpRequestException("bad", status))?.Code);

    [Fact]
    public void TryMap_AClientThatWentAway_IsNotADependencyFailure()
    {
        using var aborted = new CancellationTokenSource();
        aborted.Cancel();

        Assert.Null(FailureMapping.TryMap(new OperationCanceledException(aborted.Token), aborted.Token));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(403)]
    public void TryMap_DependencyAnswersThatAreBugs_StayUnmapped(int status) =>
        Assert.Null(FailureMapping.TryMap(new RequestFailedException(status, "no")));

    [Fact]
    public void TryMap_Bugs_StayUnmapped()
    {
        Assert.Null(FailureMapping.TryMap(new InvalidOperationException()));
        Assert.Null(FailureMapping.TryMap(new AggregateException(new ArgumentException("bug"), new TimeoutException())));
    }

    [Fact]
    public async Task Unavailable_AnswersProblemDetailsWithRetryAfter()
    {
        var context = new DefaultHttpContext { RequestServices = ProblemServices() };
        context.Response.Body = new MemoryStream();

        await ProblemResults.From(new Rejection(RejectionCodes.Unavailable, "down")).ExecuteAsync(context);

        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
    }

    private static ServiceProvider ProblemServices()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddProblemDetails();
        return services.BuildServiceProvider();
    }
}
