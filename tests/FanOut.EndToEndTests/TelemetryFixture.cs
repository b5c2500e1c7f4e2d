using FanOut.Testing.LocalHost;
using FanOut.Testing.Telemetry;

namespace FanOut.EndToEndTests;

/// <summary>The local host exporting traces and metrics over OTLP to a receiver of the test's own, quickly.</summary>
public sealed class TelemetryFixture : LocalHostFixture
{
    private readonly OtlpReceiver _receiver = OtlpReceiver.Start();

    public OtlpReceiver Receiver => _receiver;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _receiver.Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _receiver.DisposeAsync();
    }
}
