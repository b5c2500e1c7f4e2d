using System.Diagnostics;
using System.Text;
using FanOut.LocalHost.Azurite;
using FanOut.LocalHost.Settings;
using FanOut.Testing.LocalHost;

namespace FanOut.Testing.SignalR;

/// <summary>
/// The SignalR Service stand-in in a process of its own (<c>FanOut.LocalHost signalr</c>), as a developer runs it
/// next to <c>func start</c>: on a free loopback port, sending client events to <paramref name="upstreamUrlTemplate"/>;
/// stopped by PID.
/// </summary>
public sealed class StandInProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private StandInProcess(Process process, string connectionString)
    {
        _process = process;
        ConnectionString = connectionString;
    }

    /// <summary>The connection string the app uses for it.</summary>
    public string ConnectionString { get; }

    public static async Task<StandInProcess> StartAsync(string accessKey, string upstreamUrlTemplate)
    {
        var root = RepositoryRoot.Find(AppContext.BaseDirectory);
        var port = FreePort.Next();
        var connectionString = $"Endpoint=http://127.0.0.1:{port};AccessKey={accessKey};Version=1.0;";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(LocalHostProcess.HostAssemblyPath(root));
        start.ArgumentList.Add("signalr");
        start.Environment["AzureSignalRConnectionString"] = connectionString;
        start.Environment["LocalHost__SignalRUpstream"] = upstreamUrlTemplate;
        start.Environment["Host__CORS"] = "*";

        var standIn = new StandInProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the stand-in."), connectionString);
        standIn._process.OutputDataReceived += (_, e) => standIn.Append(e.Data);
        standIn._process.ErrorDataReceived += (_, e) => standIn.Append(e.Data);
        standIn._process.BeginOutputReadLine();
        standIn._process.BeginErrorReadLine();
        await standIn.WaitUntilListeningAsync(port);
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The stand-in exited with code {_process.ExitCode}:\n{Output()}");
            }

            if (await FreePort.IsListeningAsync(port, CancellationToken.None))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The stand-in did not listen on port {port} in time:\n{Output()}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
