using FanOut.Core;
using FanOut.Core.Health;
using FanOut.Core.History;
using FanOut.Core.Publishing;
using FanOut.Storage.Connections;
using FanOut.Storage.Health;
using FanOut.Storage.History;
using FanOut.Storage.Provisioning;
using FanOut.Storage.Publishing;
using FanOut.Storage.Queues;
using FanOut.Storage.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FanOut.Storage;

/// <summary>Registers the Azure Storage adapters (queue, history, health, provisioning) with dependency injection.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The Storage adapters: the account of connection <c>AzureWebJobsStorage</c>, the delivery and poison
    /// queues and the history table (keyed by their names), the core's queue and history ports, the health
    /// probes and the provisioner. <see cref="QueueTriggerOptions"/> is registered but bound by the host.
    /// Any other queue: <see cref="IQueueClientFactory"/>.
    /// </summary>
    public static IServiceCollection AddFanOutStorage(this IServiceCollection services)
    {
        services.AddOptions<QueueTriggerOptions>();
        services.TryAddSingleton(sp => StorageAccount.FromConfiguration(sp.GetRequiredService<IConfiguration>(), FanOutNames.StorageConnection));
        services.TryAddSingleton<IQueueClientFactory>(sp => sp.GetRequiredService<StorageAccount>());
        services.TryAddKeyedSingleton(FanOutNames.DeliveryQueue, (sp, _) => sp.GetRequiredService<StorageAccount>().GetQueue(FanOutNames.DeliveryQueue));
        services.TryAddKeyedSingleton(FanOutNames.PoisonQueue, (sp, _) => sp.GetRequiredService<StorageAccount>().GetQueue(FanOutNames.PoisonQueue));
        services.TryAddKeyedSingleton(FanOutNames.HistoryTable, (sp, _) => sp.GetRequiredService<StorageAccount>().GetTable(FanOutNames.HistoryTable));

        services.TryAddSingleton<IDeliveryQueue>(sp => new StorageDeliveryQueue(
            DeliveryQueue(sp), sp.GetRequiredService<IOptions<QueueTriggerOptions>>(), sp.GetRequiredService<ILogger<StorageDeliveryQueue>>()));
        services.TryAddSingleton<IHistoryStore>(sp => new TableHistoryStore(HistoryTable(sp), sp.GetRequiredService<ILogger<TableHistoryStore>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthProbe, QueueHealthProbe>(sp => new QueueHealthProbe(DeliveryQueue(sp))));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthProbe, TableHealthProbe>(sp => new TableHealthProbe(HistoryTable(sp))));
        services.TryAddSingleton(sp => new StorageProvisioner(
            DeliveryQueue(sp), sp.GetRequiredKeyedService<QueueClient>(FanOutNames.PoisonQueue), HistoryTable(sp)));
        return services;
    }

    private static QueueClient DeliveryQueue(IServiceProvider services) => services.GetRequiredKeyedService<QueueClient>(FanOutNames.DeliveryQueue);

    private static TableClient HistoryTable(IServiceProvider services) => services.GetRequiredKeyedService<TableClient>(FanOutNames.HistoryTable);
}
