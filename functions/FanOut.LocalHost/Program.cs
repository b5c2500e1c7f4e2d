using FanOut.Api;
using FanOut.Api.Diagnostics;
using FanOut.Api.Site;
using FanOut.LocalHost.Azurite;
using FanOut.LocalHost.QueueTrigger;
using FanOut.LocalHost.Rooms;
using FanOut.LocalHost.Settings;
using FanOut.LocalHost.Site;
using FanOut.LocalHost.SignalRService;

// The local host: the service's HTTP API and the queue trigger over Azurite, with a stand-in for
// Azure SignalR Service on its own port, and the chat page and dashboard. Azurite and the stand-in
// start themselves when absent. With "signalr" as its first argument, only the stand-in.
var builder = WebApplication.CreateBuilder(args);

builder.AddLocalSettings();
if (StandInCommand.IsRequested(args))
{
    await StandInCommand.RunAsync(builder.Configuration);
    return;
}

builder.AddLocalStorage();
builder.AddLocalSignalRService();
builder.AddFanOut();
builder.AddFanOutTelemetry();
builder.AddDeliveryTrigger();
builder.AddPresenceSweep();
builder.AddClientSite();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCors();
app.MapClientSite();
app.MapFanOutApi();

app.Run();
