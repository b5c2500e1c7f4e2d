using FanOut.Core.Publishing;
using FanOut.LocalHost.Settings;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FanOut.LocalHost.QueueTrigger;

public static class QueueTriggerHostingExtensions
{
    /// <summary>
    /// The queue listener (its settings come from host.json, see <c>AddLocalSettings</c>), and the
    /// publish path's link to it, wake-up and backpressure (the registered <see cref="IDeliveryQueue"/> gets wrapped).
    /// </summary>
    public static WebApplicationBuilder AddDeliveryTrigger(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<QueueWakeup>();
        builder.Services.AddSingleton(services => new PublishBackpressure(services.GetRequiredService<IOptions<LocalHostOptions>>().Value.MaxBacklog));

        var sender = builder.Services.Last(d => d.ServiceType == typeof(IDeliveryQueue));
        builder.Services.Replace(ServiceDescriptor.Singleton<IDeliveryQueue>(services =>
            new WakingDeliveryQueue(Resolve(services, sender), services.GetRequiredService<QueueWakeup>(), services.GetRequiredService<PublishBackpressure>())));

        builder.Services.AddHostedService<DeliveryTriggerService>();
        return builder;
    }

    private static IDeliveryQueue Resolve(IServiceProvider services, ServiceDescriptor descriptor) =>
        (IDeliveryQueue)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
