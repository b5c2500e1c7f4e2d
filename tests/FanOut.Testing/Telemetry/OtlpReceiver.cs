using System.Collections.Concurrent;
using System.Net;
using System.Text;
using FanOut.LocalHost.Azurite;

namespace FanOut.Testing.Telemetry;

/// <summary>
/// An OTLP/HTTP (protobuf) endpoint on a free loopback port: what the host exports to
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>. It keeps the spans of <c>/v1/traces</c> (read with a
/// protobuf walk of the few fields tests need) and the raw bodies of <c>/v1/metrics</c>.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<OtlpSpan> _spans = new();
    private readonly ConcurrentQueue<byte[]> _metrics = new();
    private readonly Task _serving;

    private OtlpReceiver(int port)
    {
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        _listener.Prefixes.Add($"{Endpoint}");
        _listener.Start();
        _serving = ServeAsync();
    }

    public Uri Endpoint { get; }

    public IReadOnlyCollection<OtlpSpan> Spans => _spans;

    public static OtlpReceiver Start() => new(FreePort.Next());

    /// <summary>Whether any exported metrics batch names <paramref name="instrument"/>.</summary>
    public bool HasMetric(string instrument)
    {
        var name = Encoding.UTF8.GetBytes(instrument);
        return _metrics.Any(body => body.AsSpan().IndexOf(name) >= 0);
    }

    public async ValueTask DisposeAsync()
    {
        // Stopping aborts a request in flight; ServeAsync ends on its own either way.
        _listener.Stop();
        await _serving;
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            try
            {
                await ReceiveAsync(await _listener.GetContextAsync());
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException or IOException)
            {
                // Stopped, or a request cut off: the host retries its export.
            }
        }
    }

    private async Task ReceiveAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var bytes = body.ToArray();
        switch (context.Request.Url?.AbsolutePath)
        {
            case "/v1/traces":
                foreach (var span in OtlpSpan.Read(bytes))
                {
                    _spans.Enqueue(span);
                }

                break;
            case "/v1/metrics":
                _metrics.Enqueue(bytes);
                break;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/x-protobuf";
        context.Response.Close();
    }
}
