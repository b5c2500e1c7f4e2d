using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using FanOut.Core.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FanOut.Api.Diagnostics;

public static class TelemetryHostingExtensions
{
    /// <summary>The standard OpenTelemetry setting: export traces and metrics over OTLP to this endpoint.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Export to Application Insights through the Azure Monitor exporter.</summary>
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary><c>Authorization=AAD;ClientId=...</c>: ingest with that user-assigned identity (the Functions host reads it too).</summary>
    public const string AzureMonitorAuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>
    /// Traces (the FanOut source, incoming requests, outgoing HTTP to Storage and SignalR) and metrics (the FanOut
    /// meter, ASP.NET Core, HTTP clients, the runtime) exported over OTLP and/or to Application Insights when their
    /// settings are present; without them nothing is collected. <paramref name="configure"/> lets a host add its own
    /// instrumentation (the Functions worker's) to the same builder.
    /// </summary>
    public static IHostApplicationBuilder AddFanOutTelemetry(this IHostApplicationBuilder builder, Action<IOpenTelemetryBuilder>? configure = null)
    {
        var configuration = builder.Configuration;
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        var azureMonitor = !string.IsNullOrWhiteSpace(configuration[AzureMonitorSetting]);
        if (!otlp && !azureMonitor)
        {
            return builder;
        }

        builder.Services.AddSingleton<QueueDepthGauge>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithTracing(tracing => tracing
                .AddSource(FanOutTracing.SourceName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(FanOutMetrics.MeterName)
                .AddInstrumentation(services => services.GetRequiredService<QueueDepthGauge>())
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());
        configure?.Invoke(telemetry);

        if (otlp)
        {
            // Endpoint, protocol, headers and intervals come from the standard OTEL_* settings.
            telemetry.UseOtlpExporter();
        }

        if (azureMonitor)
        {
            var clientId = AzureMonitorClientId(configuration[AzureMonitorAuthenticationSetting]);
            telemetry.UseAzureMonitorExporter(options =>
            {
                if (clientId is not null)
                {
                    options.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
                }
            });
        }

        return builder;
    }

    /// <summary>The client id of <c>Authorization=AAD;ClientId=...</c>; null for anything else (connection-string ingestion).</summary>
    internal static string? AzureMonitorClientId(string? authentication)
    {
        var parts = (authentication ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        return parts.GetValueOrDefault("Authorization") is { } kind && kind.Equals("AAD", StringComparison.OrdinalIgnoreCase)
            && parts.GetValueOrDefault("ClientId") is { Length: > 0 } clientId
            ? clientId
            : null;
    }
}
