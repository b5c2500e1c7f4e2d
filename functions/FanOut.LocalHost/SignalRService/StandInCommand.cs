using System.Runtime.InteropServices;
using FanOut.LocalHost.Settings;
using FanOut.SignalR.Connection;

namespace FanOut.LocalHost.SignalRService;

/// <summary>
/// <c>FanOut.LocalHost signalr</c>: only the <see cref="SignalRStandIn"/>, in a process of its own, where the local
/// settings' SignalR connection string points. For an app that runs elsewhere (the Functions project under
/// <c>func start</c>, or a local host started later, which then finds it answering and starts none), and for the
/// benchmark, so the stand-in's work is not counted as the app's, as on Azure. Client events go to
/// <c>LocalHost__SignalRUpstream</c>, else to the app at <c>Host:LocalHttpPort</c> (7071, as <c>func start</c>).
/// Runs until Ctrl+C or SIGTERM.
/// </summary>
public static partial class StandInCommand
{
    public const string Name = "signalr";

    public static bool IsRequested(IReadOnlyList<string> args) => args is [Name, ..];

    public static async Task RunAsync(IConfiguration configuration)
    {
        var endpoint = SignalRServiceEndpoint.FromConfiguration(configuration);
        if (endpoint.AccessKey is not { } key)
        {
            throw new InvalidOperationException("The stand-in needs a connection string with an AccessKey (Endpoint=http://localhost:8888;AccessKey=...;Version=1.0;).");
        }

        var upstream = configuration[$"{LocalHostOptions.Section}:{nameof(LocalHostOptions.SignalRUpstream)}"]
            ?? $"http://localhost:{configuration["Host:LocalHttpPort"] ?? "7071"}/api/upstream/{{hub}}/{{category}}/{{event}}";
        using var loggerFactory = LoggerFactory.Create(logging => logging
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddSimpleConsole(console => console.SingleLine = true));
        var stopped = new TaskCompletionSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        await using var standIn = await SignalRStandIn.StartAsync(
            new SignalRStandInOptions
            {
                Url = endpoint.ServerEndpoint,
                AccessKey = key,
                UpstreamUrlTemplate = upstream,
                CorsOrigins = StandInCors.Origins(configuration),
            },
            loggerFactory);
        LogListening(loggerFactory.CreateLogger(typeof(StandInCommand)), standIn.Url, upstream);
        await stopped.Task;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopped.TrySetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SignalR Service stand-in listening on {Url}; client events go to {Upstream}. Ctrl+C stops it.")]
    private static partial void LogListening(ILogger logger, Uri url, string upstream);
}
