using Microsoft.Extensions.DependencyInjection;

namespace FanOut.Api.Site;

public static class SiteServiceCollectionExtensions
{
    /// <summary>The chat page, the dashboard and the client library, served from <paramref name="root"/> (laid out like functions/FanOut.Client).</summary>
    public static IServiceCollection AddClientSite(this IServiceCollection services, string root)
    {
        services.AddSingleton(new SiteFiles(root));
        services.AddSingleton<SiteHandler>();
        return services;
    }
}
