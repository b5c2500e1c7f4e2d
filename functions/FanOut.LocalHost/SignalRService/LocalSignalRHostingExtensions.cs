namespace FanOut.LocalHost.SignalRService;

public static class LocalSignalRHostingExtensions
{
    /// <summary>The SignalR Service stand-in, started on its own port when needed (Development).</summary>
    public static WebApplicationBuilder AddLocalSignalRService(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<LocalSignalRStartup>();
        return builder;
    }
}
