using FanOut.Api.Problems;
using FanOut.Core;
using FanOut.SignalR;
using FanOut.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FanOut.Api;

public static class FanOutApiHostingExtensions
{
    /// <summary>Everything both hosts share: the use cases, Storage and SignalR adapters, and problem details.</summary>
    public static IHostApplicationBuilder AddFanOut(this IHostApplicationBuilder builder)
    {
        builder.Services.AddFanOutCore();
        builder.Services.AddFanOutStorage(builder.Configuration);
        builder.Services.AddFanOutSignalR();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DependencyFailureHandler>();
        return builder;
    }
}
