using FanOut.Api;
using FanOut.Api.Diagnostics;
using FanOut.Api.Site;
using FanOut.Functions.Problems;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

// ASP.NET Core integration: triggers take HttpRequest and return the same IResult handlers the local host maps.
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ProblemDetailsMiddleware>();

// The deployed host.json is the one the Functions host reads: take the queue encoding from it too.
builder.Services.AddQueueTriggerOptionsFromHostJson(Path.Combine(AppContext.BaseDirectory, "host.json"));
builder.AddFanOut();

// Traces and metrics when OTEL_EXPORTER_OTLP_ENDPOINT or APPLICATIONINSIGHTS_CONNECTION_STRING is set; the worker's
// spans join the host's invocation spans (host.json telemetryMode: OpenTelemetry).
builder.AddFanOutTelemetry(telemetry => telemetry.UseFunctionsWorkerDefaults());

// The pages and the client library, copied into the output under site/ (see the .csproj), at /api/ui/.
builder.Services.AddClientSite(Path.Combine(AppContext.BaseDirectory, "site"));

builder.Build().Run();
