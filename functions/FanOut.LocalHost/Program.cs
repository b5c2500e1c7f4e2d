using FanOut.Api;
using FanOut.LocalHost.Azurite;
using FanOut.LocalHost.QueueTrigger;
using FanOut.LocalHost.Settings;
using FanOut.LocalHost.SignalRService;

// The local host: the service's HTTP API, the queue trigger and a stand-in for Azure SignalR
// Service, in one process on http://localhost:7071, over Azurite.
var builder = WebApplication.CreateBuilder(args);

builder.AddLocalSettings();
builder.AddLocalStorage();
builder.AddFanOut();
builder.AddDeliveryTrigger();
builder.AddSignalRServiceStandIn();

var app = builder.Build();

// First: Azure SignalR Service's REST calls (they carry api-version) and its /client hub.
app.UseSignalRServiceStandIn();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCors(StandInCors.PolicyName);
app.MapFanOutApi();

app.Run();
