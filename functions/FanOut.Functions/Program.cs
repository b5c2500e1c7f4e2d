using FanOut.Api;
using FanOut.Api.Site;
using FanOut.Functions.Problems;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

// ASP.NET Core integration: triggers take HttpRequest and return the same IResult handlers the local host maps.
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ProblemDetailsMiddleware>();

// The deployed host.json is the one the Functions host reads: take the queue encoding from it too.
builder.Services.AddQueueTriggerOptionsFromHostJson(Path.Combine(AppContext.BaseDirectory, "host.json"));
builder.AddFanOut();

// The pages and the client library, copied into the output under site/ (see the .csproj), at /api/ui/.
builder.Services.AddClientSite(Path.Combine(AppContext.BaseDirectory, "site"));

builder.Build().Run();
