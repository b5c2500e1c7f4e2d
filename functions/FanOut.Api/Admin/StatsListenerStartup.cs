using FanOut.Core.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace FanOut.Api.Admin;

/// <summary>Creates <see cref="FanOutStats"/> when the host starts, so its meter listener counts from the first message, not from the first dashboard request.</summary>
internal sealed class StatsListenerStartup(FanOutStats stats) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(stats);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
