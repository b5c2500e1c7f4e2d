using FanOut.LocalHost.Azurite;
using FanOut.LocalHost.Settings;
using FanOut.SignalR.Connection;
using Microsoft.Extensions.Options;

namespace FanOut.LocalHost.SignalRService;

/// <summary>
/// In Development, when the SignalR connection string points at a loopback endpoint with an AccessKey
/// and nothing answers there, start the <see cref="SignalRStandIn"/> on that port, sending client events
/// to this host's upstream endpoint, and stop it on exit.
/// </summary>
public sealed partial class LocalSignalRStartup(
    SignalRServiceEndpoint endpoint,
    IConfiguration configuration,
    IHostEnvironment environment,
    IOptions<LocalHostOptions> options,
    ILoggerFactory loggerFactory,
    ILogger<LocalSignalRStartup> logger) : IHostedLifecycleService
{
    private SignalRStandIn? _standIn;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var url = endpoint.ServerEndpoint;
        if (!environment.IsDevelopment() || !options.Value.StartSignalR || !url.IsLoopback || endpoint.AccessKey is not { } key
            || await FreePort.IsListeningAsync(url.Port, cancellationToken))
        {
            return;
        }

        var upstream = options.Value.SignalRUpstream ?? $"{OwnUrl()}/api/upstream/{{hub}}/{{category}}/{{event}}";
        _standIn = await SignalRStandIn.StartAsync(
            new SignalRStandInOptions
            {
                Url = url,
                AccessKey = key,
                UpstreamUrlTemplate = upstream,
                CorsOrigins = StandInCors.Origins(configuration),
            },
            loggerFactory,
            cancellationToken);
        LogStarted(logger, _standIn.Url, upstream);
    }

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (_standIn is not null)
        {
            await _standIn.DisposeAsync();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>This host's first URL (<c>--urls</c>, else the local settings' port), for the stand-in to call back.</summary>
    private string OwnUrl() =>
        (configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
            ?? $"http://localhost:{configuration["Host:LocalHttpPort"] ?? "7071"}").TrimEnd('/');

    [LoggerMessage(Level = LogLevel.Information, Message = "Started the SignalR Service stand-in on {Url}; client events go to {Upstream}")]
    private static partial void LogStarted(ILogger logger, Uri url, string upstream);
}
