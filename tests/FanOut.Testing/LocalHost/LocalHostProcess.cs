using System.Diagnostics;
using System.Text;
using FanOut.LocalHost.Azurite;
using FanOut.LocalHost.Settings;

namespace FanOut.Testing.LocalHost;

/// <summary>
/// The local host (functions/FanOut.LocalHost) as a real process on a loopback port, with its
/// settings given as environment variables; stopped by PID. <see cref="RestartAsync"/> stops and
/// starts it on the same port, as a developer restarting <c>dotnet run</c> would.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly string _storageConnectionString;
    private readonly string _signalRConnectionString;
    private readonly IReadOnlyDictionary<string, string> _extraSettings;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private LocalHostProcess(int port, string storageConnectionString, string signalRConnectionString, string publisherKey, IReadOnlyDictionary<string, string> extraSettings)
    {
        Port = port;
        _storageConnectionString = storageConnectionString;
        _signalRConnectionString = signalRConnectionString;
        _extraSettings = extraSettings;
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        Http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        PublisherHttp = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        PublisherHttp.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", publisherKey);
    }

    public int Port { get; }

    public Uri BaseUrl { get; }

    /// <summary>HTTP without credentials.</summary>
    public HttpClient Http { get; }

    /// <summary>HTTP with the publisher key given at start.</summary>
    public HttpClient PublisherHttp { get; }

    /// <summary>What the host wrote to stdout and stderr so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the host on <paramref name="port"/> over the given Storage and SignalR service (which the fixture runs).</summary>
    public static async Task<LocalHostProcess> StartAsync(
        int port, string storageConnectionString, string signalRConnectionString, string publisherKey, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var host = new LocalHostProcess(port, storageConnectionString, signalRConnectionString, publisherKey, extraSettings ?? new Dictionary<string, string>());
        await host.StartProcessAsync();
        return host;
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartProcessAsync();
    }

    /// <summary>kill -9: the process dies at once, in the middle of whatever it was doing.</summary>
    public Task KillAsync() => StopAsync();

    /// <summary>Starts the host again on the same port after <see cref="KillAsync"/>.</summary>
    public Task StartAgainAsync() => StartProcessAsync();

    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            // SIGKILL, like kill -9: no graceful shutdown, nothing flushed.
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Http.Dispose();
        PublisherHttp.Dispose();
    }

    private async Task StartProcessAsync()
    {
        var root = RepositoryRoot.Find(AppContext.BaseDirectory);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(root, "functions", "FanOut.LocalHost"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostAssemblyPath(root));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["AzureWebJobsStorage"] = _storageConnectionString;
        start.Environment["AzureSignalRConnectionString"] = _signalRConnectionString;
        start.Environment["LocalHost__StartAzurite"] = "false";
        start.Environment["LocalHost__StartSignalR"] = "false";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in _extraSettings)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the local host.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilHealthyAsync();
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The local host exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri("/api/health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The local host did not become healthy within 60 s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>The host's build output for the configuration these tests were built with (Debug or Release).</summary>
    internal static string HostAssemblyPath(string root)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var path = Path.Combine(root, "functions", "FanOut.LocalHost", "bin", configuration, "net10.0", "FanOut.LocalHost.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the local host first (tests/run.sh does).", path);
    }
}
