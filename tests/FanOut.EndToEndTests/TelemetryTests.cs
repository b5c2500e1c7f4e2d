using System.Net;
using System.Text;
using FanOut.Testing.LocalHost;
using FanOut.Testing.Telemetry;

namespace FanOut.EndToEndTests;

/// <summary>
/// With OTEL_EXPORTER_OTLP_ENDPOINT set, the local host exports one trace per message, from the publisher's
/// request through the queue to the delivery, and the FanOut meter.
/// </summary>
public class TelemetryTests(TelemetryFixture fixture) : IClassFixture<TelemetryFixture>
{
    [Fact]
    public async Task PublishAndItsDelivery_AreOneTrace_ContinuingTheCallersTraceparent()
    {
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var group = LocalHostFixture.UniqueGroup("trace");
        using var published = await fixture.PublishRawAsync(
            "chat", group, Encoding.UTF8.GetBytes("""{"event":"message","data":1}"""),
            headers: [new("traceparent", $"00-{traceId}-{"0123456789abcdef"}-01")]);
        Assert.Equal(HttpStatusCode.Accepted, published.StatusCode);

        var spans = await WaitForAsync(() =>
        {
            var trace = fixture.Receiver.Spans.Where(s => s.TraceId == traceId).ToList();
            return trace.Any(s => s.Name == "deliver chat") ? trace : null;
        });

        var request = Assert.Single(spans, s => s.Kind == OtlpSpan.Server);
        Assert.Equal("0123456789abcdef", request.ParentSpanId);
        var publish = Assert.Single(spans, s => s.Name == "publish chat");
        Assert.Equal(OtlpSpan.Producer, publish.Kind);
        var deliver = Assert.Single(spans, s => s.Name == "deliver chat");
        Assert.Equal(OtlpSpan.Consumer, deliver.Kind);
        Assert.Equal(publish.SpanId, deliver.ParentSpanId);
        Assert.Contains(spans, s => s.ParentSpanId == deliver.SpanId); // its Storage and SignalR calls
    }

    [Fact]
    public async Task FanOutMeter_IsExported_WithQueueDepth()
    {
        using var published = await fixture.PublishAsync("chat", LocalHostFixture.UniqueGroup("meter"), "message", 1);
        Assert.Equal(HttpStatusCode.Accepted, published.StatusCode);

        await WaitForAsync(() => fixture.Receiver.HasMetric("fanout.messages.delivered") && fixture.Receiver.HasMetric("fanout.queue.depth") ? "" : null);
    }

    private async Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (probe() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not exported in time ({fixture.Receiver.Spans.Count} spans received).\n{fixture.Host.Output}");
            }

            await Task.Delay(100);
        }
    }
}
