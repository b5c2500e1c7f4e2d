using FanOut.Api.Site;
using FanOut.LocalHost.Settings;

namespace FanOut.LocalHost.Site;

public static class ClientSiteHostingExtensions
{
    /// <summary>The chat page, the dashboard and the client library, served from functions/FanOut.Client (its packages installed on first run).</summary>
    public static WebApplicationBuilder AddClientSite(this WebApplicationBuilder builder)
    {
        var root = builder.Configuration[$"{LocalHostOptions.Section}:{nameof(LocalHostOptions.RepositoryRoot)}"] ?? RepositoryRoot.Find(builder.Environment.ContentRootPath);
        var folder = Path.Combine(root, "functions", "FanOut.Client");
        builder.Services.AddClientSite(folder);
        builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<ClientPackageStartup>(sp, folder));
        return builder;
    }
}
