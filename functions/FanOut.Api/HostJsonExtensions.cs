using FanOut.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FanOut.Api;

public static class HostJsonExtensions
{
    /// <summary>
    /// Binds <see cref="QueueTriggerOptions"/> from <c>extensions.queues</c> of a host.json, so the
    /// sender's message encoding and the local listener's batch, retry and poison settings are the
    /// ones the Functions host uses. host.json is read on its own, not merged into the app's
    /// configuration (its <c>logging</c> section means something else to ASP.NET Core).
    /// </summary>
    public static IServiceCollection AddQueueTriggerOptionsFromHostJson(this IServiceCollection services, string hostJsonPath)
    {
        var hostJson = new ConfigurationBuilder().AddJsonFile(hostJsonPath, optional: true).Build();
        services.AddOptions<QueueTriggerOptions>()
            .Bind(hostJson.GetSection(QueueTriggerOptions.HostJsonSection))
            .Validate(o => o.BatchSize is >= 1 and <= 32, "extensions.queues.batchSize is 1 to 32.")
            .Validate(o => o.MaxDequeueCount >= 1, "extensions.queues.maxDequeueCount is at least 1.")
            .ValidateOnStart();
        return services;
    }
}
