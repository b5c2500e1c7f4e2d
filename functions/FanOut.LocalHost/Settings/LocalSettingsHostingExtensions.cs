using FanOut.Api;
using FanOut.LocalHost.SignalRService;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace FanOut.LocalHost.Settings;

public static class LocalSettingsHostingExtensions
{
    /// <summary>
    /// Settings as <c>func start</c> sees them, from the repository root: local.settings.json (or the
    /// sample) under environment variables and the command line, so <c>AzureWebJobsStorage=... dotnet run</c>
    /// still wins; <c>Host:LocalHttpPort</c> as the default URL when none is given; and host.json's
    /// queue settings for the listener and the sender; <c>Host:CORS</c> as the default CORS policy.
    /// </summary>
    public static WebApplicationBuilder AddLocalSettings(this WebApplicationBuilder builder)
    {
        var root = RepositoryRoot.Find(builder.Environment.ContentRootPath);
        var file = LocalSettingsFile.Choose(root);
        var settings = LocalSettingsFile.Read(file);
        settings[LocalHostOptions.Section + ":" + nameof(LocalHostOptions.RepositoryRoot)] = root;
        settings[LocalHostOptions.Section + ":" + nameof(LocalHostOptions.SettingsFile)] = file;

        var sources = builder.Configuration.Sources;
        var environment = sources.Select((source, index) => (source, index)).FirstOrDefault(s => s.source is EnvironmentVariablesConfigurationSource);
        var position = environment.source is null ? sources.Count : environment.index;
        sources.Insert(position, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = settings });

        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls($"http://localhost:{builder.Configuration["Host:LocalHttpPort"] ?? "7071"}");
        }

        builder.Services.AddOptions<LocalHostOptions>().BindConfiguration(LocalHostOptions.Section);
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => StandInCors.Apply(policy, StandInCors.Origins(builder.Configuration))));
        builder.Services.AddQueueTriggerOptionsFromHostJson(Path.Combine(root, "host.json"));
        return builder;
    }
}
