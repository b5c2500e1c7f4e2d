using System.Diagnostics;
using System.Globalization;
using System.Text;
using FanOut.LocalHost.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FanOut.LocalHost.Azurite;

/// <summary>
/// A running Azurite (the pinned copy in functions/azurite) on loopback ports, one process per service, as
/// Azure serves blob, queue and table from separate endpoints: on one event loop, every garbage collection of
/// the table store's growing heap held up the queue's calls too (docs/benchmarks.md). Started with
/// <see cref="StartAsync"/>, ready when all three accept connections, stopped (each process tree, by PID) on
/// dispose.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    private static readonly string[] Services = ["blob", "queue", "table"];

    private readonly List<Process> _processes = [];
    private readonly StringBuilder _stderr = new();

    private AzuriteProcess(int blobPort, int queuePort, int tablePort)
    {
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>The blob, queue and table processes.</summary>
    public IReadOnlyList<int> ProcessIds => [.. _processes.Select(process => process.Id)];

    /// <summary>A connection string for the dev account with explicit endpoints on this instance's ports.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteAccount.Name};AccountKey={AzuriteAccount.Key};" +
        $"BlobEndpoint={Endpoint(BlobPort)};QueueEndpoint={Endpoint(QueuePort)};TableEndpoint={Endpoint(TablePort)};";

    public static async Task<AzuriteProcess> StartAsync(AzuriteOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        var folder = Path.Combine(options.RepositoryRoot ?? RepositoryRoot.Find(), "functions", "azurite");
        await AzuriteInstall.EnsureInstalledAsync(folder, logger, cancellationToken);

        int blob = FreePort.OrNext(options.BlobPort), queue = FreePort.OrNext(options.QueuePort), table = FreePort.OrNext(options.TablePort);
        var azurite = new AzuriteProcess(blob, queue, table);
        try
        {
            foreach (var (service, port) in Services.Zip([blob, queue, table]))
            {
                azurite.Start(CreateStartInfo(folder, options.Location, service, port));
            }

            await azurite.WaitUntilListeningAsync(options.StartTimeout, cancellationToken);
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }

        LogStarted(logger, string.Join(", ", azurite.ProcessIds), blob, queue, table);
        return azurite;
    }

    private void Start(ProcessStartInfo info)
    {
        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) => { lock (_stderr) { _stderr.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        _processes.Add(process);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    /// <summary>
    /// Stops Azurite: SIGINT first, which each service handles by closing and saving its database (it autosaves
    /// only every 5 s, and a kill loses what was written since), then kills what has not exited, by PID.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_processes.Select(StopAsync));
    }

    private static async Task StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                await RequestShutdownAsync(process.Id);
                using var graceful = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await WaitForExitAsync(process, graceful.Token);
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await WaitForExitAsync(process, timeout.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // The process has already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    private static async Task RequestShutdownAsync(int processId)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // SIGINT, not SIGTERM: the table service handles only SIGINT, and dies at once on SIGTERM.
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-INT", processId.ToString(CultureInfo.InvariantCulture) } });
        if (kill is not null)
        {
            await kill.WaitForExitAsync();
        }
    }

    private static async Task WaitForExitAsync(Process process, CancellationToken cancellationToken)
    {
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Still running: the caller escalates.
        }
    }

    private static ProcessStartInfo CreateStartInfo(string folder, string? location, string service, int port)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = location ?? Path.GetTempPath(),
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Fixes for emulator costs that grow with the data held (see the file).
        info.ArgumentList.Add("--require");
        info.ArgumentList.Add(Path.Combine(folder, "preload.cjs"));
        info.ArgumentList.Add(Path.Combine(folder, "node_modules", "azurite", "dist", "src", service, "main.js"));
        info.ArgumentList.Add($"--{service}Host");
        info.ArgumentList.Add("127.0.0.1");
        info.ArgumentList.Add($"--{service}Port");
        info.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        foreach (var flag in new[] { "--silent", "--disableTelemetry", "--skipApiVersionCheck" })
        {
            info.ArgumentList.Add(flag);
        }

        if (location is null)
        {
            info.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(location);
            info.ArgumentList.Add("--location");
            info.ArgumentList.Add(location);
        }

        return info;
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (_processes.FirstOrDefault(process => process.HasExited) is { } exited)
            {
                throw Failure($"Azurite's {Services[_processes.IndexOf(exited)]} service exited with code {exited.ExitCode} before it was ready.");
            }

            if (await FreePort.IsListeningAsync(BlobPort, cancellationToken) &&
                await FreePort.IsListeningAsync(QueuePort, cancellationToken) &&
                await FreePort.IsListeningAsync(TablePort, cancellationToken))
            {
                return;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw Failure($"Azurite did not listen on ports {BlobPort}/{QueuePort}/{TablePort} within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private InvalidOperationException Failure(string message)
    {
        lock (_stderr)
        {
            return new InvalidOperationException($"{message} Azurite's stderr: {_stderr.ToString().Trim()}");
        }
    }

    private static string Endpoint(int port) =>
        string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/{AzuriteAccount.Name}");

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite (pids {ProcessIds}) listens on blob {BlobPort}, queue {QueuePort}, table {TablePort}")]
    private static partial void LogStarted(ILogger logger, string processIds, int blobPort, int queuePort, int tablePort);
}
