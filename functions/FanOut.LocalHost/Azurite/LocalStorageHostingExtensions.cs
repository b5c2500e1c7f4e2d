namespace FanOut.LocalHost.Azurite;

public static class LocalStorageHostingExtensions
{
    /// <summary>Azurite when needed (Development) and the queues and table created, before the host serves anything.</summary>
    public static WebApplicationBuilder AddLocalStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<LocalStorageStartup>();
        return builder;
    }
}
