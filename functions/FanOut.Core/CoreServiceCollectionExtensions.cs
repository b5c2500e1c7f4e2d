using FanOut.Core.Access;
using FanOut.Core.Delivery;
using FanOut.Core.Diagnostics;
using FanOut.Core.Health;
using FanOut.Core.History;
using FanOut.Core.Publishing;
using FanOut.Core.Rooms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FanOut.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The use cases. Their ports (queue, history and idempotency stores, broadcaster, membership, negotiator) come from the adapters.</summary>
    public static IServiceCollection AddFanOutCore(this IServiceCollection services)
    {
        services.AddOptions<FanOutOptions>().BindConfiguration(FanOutOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FanOutAccessOptions>().BindConfiguration(FanOutOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<FanOutAccessOptions>, AccessOptionsValidation>());
        services.TryAddSingleton<Webhooks.WebhookVerifier>();
        services.TryAddSingleton<HubPolicies>();
        services.TryAddSingleton<HubAccess>();
        services.TryAddSingleton<HubEvents>();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FanOutMetrics>();
        services.TryAddSingleton<RecentDeliveries>();
        services.TryAddSingleton<FanOutStats>();
        services.TryAddSingleton<Publisher>();
        services.TryAddSingleton<IdempotencyGate>();
        services.TryAddSingleton<HistoryWriter>();
        services.TryAddSingleton<HistoryQuery>();
        services.TryAddSingleton<HistoryRetention>();
        services.TryAddSingleton<DeliveryObserver>();
        services.TryAddSingleton<Deliverer>();
        services.TryAddSingleton<HealthCheck>();
        return services;
    }
}
