using FanOut.Api;
using FanOut.Core.Publishing;
using FanOut.LocalHost.Settings;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FanOut.LocalHost.QueueTrigger;

public static class QueueTriggerHostingExtensions
{
    /// <summary>
    /// The queue listener with host.json's <c>extensions.queues</c> settings, and the publish
    /// path's wake-up of it (the registered <see cref="IDeliveryQueue"/> gets wrapped).
    /// </summary>
    public static WebApplicationBuilder AddDeliveryTrigger(this WebApplicationBuilder builder)
    {
        var root = RepositoryRoot.Find(builder.Environment.ContentRootPath);
        builder.Services.AddQueueTriggerOptionsFromHostJson(Path.Combine(root, "host.json"));
        builder.Services.AddSingleton<QueueWakeup>();

        var sender = builder.Services.Last(d => d.ServiceType == typeof(IDeliveryQueue));
        builder.Services.Replace(ServiceDescriptor.Singleton<IDeliveryQueue>(services =>
            new WakingDeliveryQueue(Resolve(services, sender), services.GetRequiredService<QueueWakeup>())));

        builder.Services.AddHostedService<DeliveryTriggerService>();
        return builder;
    }

    private static IDeliveryQueue Resolve(IServiceProvider services, ServiceDescriptor descriptor) =>
        (IDeliveryQueue)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
