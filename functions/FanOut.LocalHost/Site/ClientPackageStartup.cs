using FanOut.LocalHost.Npm;

namespace FanOut.LocalHost.Site;

/// <summary>
/// Before the host serves: when functions/FanOut.Client has no node_modules (a fresh clone), run <c>npm ci</c>
/// there, so the pages find @microsoft/signalr's browser build. A failure is logged, not fatal: the API works
/// without the pages.
/// </summary>
public sealed partial class ClientPackageStartup(string clientFolder, ILogger<ClientPackageStartup> logger) : IHostedLifecycleService
{
    /// <summary>The file the pages load; its absence means the package is not installed.</summary>
    public static string SignalRBrowserBuild(string clientFolder) =>
        Path.Combine(clientFolder, "node_modules", "@microsoft", "signalr", "dist", "browser", "signalr.min.js");

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(SignalRBrowserBuild(clientFolder)) || !File.Exists(Path.Combine(clientFolder, "package-lock.json")))
        {
            return;
        }

        LogInstalling(logger, clientFolder);
        try
        {
            await NpmCi.RunAsync(clientFolder, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            LogInstallFailed(logger, ex, clientFolder);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "The client library's packages are not installed; running 'npm ci' in {Folder}")]
    private static partial void LogInstalling(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "'npm ci' in {Folder} failed: the chat page and the dashboard cannot load @microsoft/signalr until it is installed")]
    private static partial void LogInstallFailed(ILogger logger, Exception error, string folder);
}
