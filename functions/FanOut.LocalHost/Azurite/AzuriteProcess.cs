using System.Diagnostics;
using System.Globalization;
using System.Text;
using FanOut.LocalHost.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FanOut.LocalHost.Azurite;

/// <summary>
/// A running Azurite (the pinned copy in functions/azurite) on loopback ports: started with
/// <see cref="StartAsync"/>, ready when all three services accept connections, killed (whole process
/// tree, by PID) on dispose.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr;

    private AzuriteProcess(Process process, StringBuilder stderr, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _stderr = stderr;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public int ProcessId => _process.Id;

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
        var stderr = new StringBuilder();
        var process = new Process { StartInfo = CreateStartInfo(folder, options.Location, blob, queue, table) };
        process.ErrorDataReceived += (_, e) => { lock (stderr) { stderr.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var azurite = new AzuriteProcess(process, stderr, blob, queue, table);
        try
        {
            await azurite.WaitUntilListeningAsync(options.StartTimeout, cancellationToken);
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }

        LogStarted(logger, process.Id, blob, queue, table);
        return azurite;
    }

    /// <summary>
    /// Stops Azurite: SIGTERM first so it saves its database (it autosaves only every 5 s, and a kill
    /// loses what was written since), then kills the whole process tree by PID if it has not exited.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await RequestShutdownAsync(_process.Id);
                using var graceful = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await WaitForExitAsync(graceful.Token);
            }

            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await WaitForExitAsync(timeout.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // The process has already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static async Task RequestShutdownAsync(int processId)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", processId.ToString(CultureInfo.InvariantCulture) } });
        if (kill is not null)
        {
            await kill.WaitForExitAsync();
        }
    }

    private async Task WaitForExitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Still running: the caller escalates.
        }
    }

    private static ProcessStartInfo CreateStartInfo(string folder, string? location, int blob, int queue, int table)
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
        info.ArgumentList.Add(Path.Combine(folder, "node_modules", "azurite", "dist", "src", "azurite.js"));
        foreach (var (name, port) in new[] { ("blob", blob), ("queue", queue), ("table", table) })
        {
            info.ArgumentList.Add($"--{name}Host");
            info.ArgumentList.Add("127.0.0.1");
            info.ArgumentList.Add($"--{name}Port");
            info.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        }

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
            if (_process.HasExited)
            {
                throw Failure($"Azurite exited with code {_process.ExitCode} before it was ready.");
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite (pid {ProcessId}) listens on blob {BlobPort}, queue {QueuePort}, table {TablePort}")]
    private static partial void LogStarted(ILogger logger, int processId, int blobPort, int queuePort, int tablePort);
}
