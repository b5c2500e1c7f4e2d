using FanOut.Core.Publishing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FanOut.LocalHost.QueueTrigger;

public static class QueueTriggerHostingExtensions
{
    /// <summary>
    /// The queue listener (its settings come from host.json, see <c>AddLocalSettings</c>), and the
    /// publish path's wake-up of it (the registered <see cref="IDeliveryQueue"/> gets wrapped).
    /// </summary>
    public static WebApplicationBuilder AddDeliveryTrigger(this WebApplicationBuilder builder)
    {
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
