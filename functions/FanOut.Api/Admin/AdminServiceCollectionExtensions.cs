using Microsoft.Extensions.DependencyInjection;

namespace FanOut.Api.Admin;

public static class AdminServiceCollectionExtensions
{
    /// <summary>The admin API: its keys (<c>FanOut__Admin__Keys__*</c>), the stats listener, the poison queue, and the handlers.</summary>
    public static IServiceCollection AddFanOutAdmin(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section);
        services.AddHostedService<StatsListenerStartup>();
        services.AddSingleton<AdminGate>();
        services.AddSingleton<PoisonQueue>();
        services.AddSingleton<StatsHandler>();
        services.AddSingleton<PoisonHandler>();
        return services;
    }
}
