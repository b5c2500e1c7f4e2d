using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Xunit;

namespace FanOut.Testing.SignalR;

/// <summary>
/// The official JavaScript SignalR client (<c>tests/node/clients/signalr-client.mjs</c>) in a <c>node</c>
/// process: connects, records every event line it prints, and lets a test await or rule out messages.
/// Dispose stops it and kills it by PID.
/// </summary>
public sealed class NodeSignalRClient : IAsyncDisposable
{
    /// <summary>How long waits last when no timeout is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly List<JsonElement> _events = [];
    private readonly StringBuilder _stderr = new();
    private readonly Task _reader;
    private TaskCompletionSource _pulse = NewPulse();
    private bool _exited;

    private NodeSignalRClient(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) => { lock (_stderr) { _stderr.AppendLine(e.Data); } };
        _process.BeginErrorReadLine();
        _reader = Task.Run(ReadEventsAsync);
    }

    /// <summary>The connection id the service assigned.</summary>
    public string ConnectionId { get; private set; } = string.Empty;

    /// <summary>The node process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Every message received so far, in order.</summary>
    public IReadOnlyList<NodeSignalRMessage> Received => Snapshot().Where(IsMessage).Select(ToMessage).ToList();

    /// <summary>What the client wrote to stderr (its warnings), for diagnostics.</summary>
    public string StandardError { get { lock (_stderr) { return _stderr.ToString(); } } }

    /// <summary>Connects straight to <paramref name="url"/> with <paramref name="accessToken"/>, listening to <paramref name="targets"/>.</summary>
    public static Task<NodeSignalRClient> StartAsync(string url, string? accessToken, params string[] targets) =>
        StartAsync(NodeSignalRClientOptions.ForHub(url, accessToken, targets));

    /// <summary>Starts the client and waits until it is connected; throws <see cref="NodeSignalRConnectionException"/> if it is refused.</summary>
    public static async Task<NodeSignalRClient> StartAsync(NodeSignalRClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = JsonSerializer.Serialize(new { url = options.Url, accessToken = options.AccessToken, headers = options.Headers, targets = options.Targets, transport = options.Transport });
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = NodeScripts.Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(NodeScripts.PathOf("clients/signalr-client.mjs"));
        start.ArgumentList.Add(config);
        var client = new NodeSignalRClient(Process.Start(start) ?? throw new InvalidOperationException("node did not start."));
        try
        {
            var first = await client.WaitForEventAsync(e => Type(e) is "connected" or "error", options.StartTimeout, "connected or error", cancellationToken);
            if (Type(first) == "error")
            {
                var status = first.TryGetProperty("statusCode", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : (int?)null;
                throw new NodeSignalRConnectionException(first.GetProperty("message").GetString() ?? "refused", status);
            }

            client.ConnectionId = first.GetProperty("connectionId").GetString() ?? string.Empty;
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts listening to another client method.</summary>
    public async Task OnAsync(string target, TimeSpan? timeout = null)
    {
        await SendCommandAsync(new { cmd = "on", target });
        await WaitForEventAsync(e => Type(e) == "subscribed" && Text(e, "target") == target, timeout ?? DefaultTimeout, $"subscribed {target}", default);
    }

    /// <summary>The first message to <paramref name="target"/> matching <paramref name="predicate"/>, received before or within <paramref name="timeout"/>.</summary>
    public async Task<NodeSignalRMessage> WaitForMessageAsync(string target, Func<NodeSignalRMessage, bool>? predicate = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var line = await WaitForEventAsync(e => IsMessage(e) && Matches(ToMessage(e), target, predicate), timeout ?? DefaultTimeout, $"message {target}", cancellationToken);
        return ToMessage(line);
    }

    /// <summary>Waits <paramref name="window"/> and fails if a message to <paramref name="target"/> matching <paramref name="predicate"/> arrived.</summary>
    public async Task AssertNoMessageAsync(string target, TimeSpan window, Func<NodeSignalRMessage, bool>? predicate = null)
    {
        await Task.Delay(window);
        var unexpected = Received.FirstOrDefault(m => Matches(m, target, predicate));
        if (unexpected is not null)
        {
            Assert.Fail($"Connection {ConnectionId} received an unexpected {target}: {JsonSerializer.Serialize(unexpected.Args)}");
        }
    }

    /// <summary>
    /// Invokes <paramref name="method"/> on the connection (a client event the app answers through the
    /// SignalR service) and returns its result; a refusal throws <see cref="NodeSignalRInvocationException"/>.
    /// </summary>
    public async Task<JsonElement> InvokeAsync(string method, params object?[] args)
    {
        var id = Guid.NewGuid().ToString("N");
        await SendCommandAsync(new { cmd = "invoke", id, method, args });
        var answer = await WaitForEventAsync(e => Type(e) is "invoked" or "invokeFailed" && Text(e, "id") == id, DefaultTimeout, $"answer to {method}", default);
        return Type(answer) == "invoked"
            ? answer.GetProperty("result").Clone()
            : throw new NodeSignalRInvocationException(method, Text(answer, "message") ?? "failed");
    }

    /// <summary>Joins <paramref name="group"/> as this connection's user (the <c>join</c> client event).</summary>
    public Task<JsonElement> JoinAsync(string group) => InvokeAsync("join", group);

    /// <summary>Leaves <paramref name="group"/> (the <c>leave</c> client event).</summary>
    public Task<JsonElement> LeaveAsync(string group) => InvokeAsync("leave", group);

    /// <summary>kill -9 of the client process: its connection drops without a goodbye.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Stops the connection gracefully and waits until it reports closed.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        await SendCommandAsync(new { cmd = "stop" });
        await WaitForEventAsync(e => Type(e) == "closed", timeout ?? DefaultTimeout, "closed", default);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _process.WaitForExitAsync(grace.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _reader.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task SendCommandAsync(object command)
    {
        await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(command));
        await _process.StandardInput.FlushAsync();
    }

    private async Task<JsonElement> WaitForEventAsync(Func<JsonElement, bool> match, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task pulse;
            lock (_events)
            {
                foreach (var e in _events.Where(match))
                {
                    return e;
                }

                if (_exited)
                {
                    throw new InvalidOperationException($"The node client exited before {what}. {Describe()}");
                }

                pulse = _pulse.Task;
            }

            try
            {
                await pulse.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No {what} within {timeout.TotalSeconds:0.#} s. {Describe()}");
            }
        }
    }

    private async Task ReadEventsAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith('{'))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            Publish(document.RootElement.Clone(), exited: false);
        }

        Publish(null, exited: true);
    }

    private void Publish(JsonElement? element, bool exited)
    {
        TaskCompletionSource old;
        lock (_events)
        {
            if (element is { } e)
            {
                _events.Add(e);
            }

            _exited |= exited;
            old = _pulse;
            _pulse = NewPulse();
        }

        old.TrySetResult();
    }

    private List<JsonElement> Snapshot()
    {
        lock (_events)
        {
            return [.. _events];
        }
    }

    private string Describe() =>
        $"Events: [{string.Join(", ", Snapshot().Select(e => e.GetRawText()))}] Stderr: {StandardError}";

    private static bool Matches(NodeSignalRMessage message, string target, Func<NodeSignalRMessage, bool>? predicate) =>
        message.Target == target && (predicate is null || predicate(message));

    private static bool IsMessage(JsonElement e) => Type(e) == "message";

    private static NodeSignalRMessage ToMessage(JsonElement e) =>
        new(Text(e, "target") ?? string.Empty, e.GetProperty("args").EnumerateArray().ToList());

    private static string? Type(JsonElement e) => Text(e, "type");

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static TaskCompletionSource NewPulse() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
