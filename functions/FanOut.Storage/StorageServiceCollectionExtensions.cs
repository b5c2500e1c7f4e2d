using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using FanOut.Core;
using FanOut.Core.Health;
using FanOut.Core.History;
using FanOut.Core.Publishing;
using FanOut.Core.Rooms;
using FanOut.Storage.Connections;
using FanOut.Storage.Health;
using FanOut.Storage.History;
using FanOut.Storage.Idempotency;
using FanOut.Storage.Payloads;
using FanOut.Storage.Presence;
using FanOut.Storage.Provisioning;
using FanOut.Storage.Publishing;
using FanOut.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FanOut.Storage;

/// <summary>Registers the Azure Storage clients and the adapters built on them.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="QueueServiceClient"/>, <see cref="TableServiceClient"/> and <see cref="BlobServiceClient"/> for connection <c>AzureWebJobsStorage</c>
    /// (queue messages base64-encoded unless host.json says <c>none</c>); the delivery and poison queues and the
    /// history, idempotency and presence tables, keyed by their names; the payload container (claim check); the core's
    /// ports; health probes; the provisioner.
    /// <see cref="QueueTriggerOptions"/> is registered here and bound from host.json by the host.
    /// </summary>
    public static IServiceCollection AddFanOutStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var connection = configuration.GetSection(FanOutNames.StorageConnection);
        services.AddOptions<QueueTriggerOptions>();

        services.AddAzureClients(clients =>
        {
            // The SDKs' request logging formats every request's and response's headers into an event the client
            // factory's log forwarder listens to: CPU on every call for lines nobody reads. Failures still surface
            // as exceptions, which the service logs where it handles them.
            clients.ConfigureDefaults(options => options.Diagnostics.IsLoggingEnabled = false);
            // 2025-11-05 is the newest version Azurite 3.35 accepts without --skipApiVersionCheck; Azure serves it too.
            clients.AddQueueServiceClient(StorageConnection.ForService(connection, "queue"))
                .WithVersion(QueueClientOptions.ServiceVersion.V2025_11_05)
                .ConfigureOptions((options, provider) => options.MessageEncoding =
                    provider.GetRequiredService<IOptions<QueueTriggerOptions>>().Value.UsesBase64 ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None);
            clients.AddTableServiceClient(StorageConnection.ForService(connection, "table"));
            clients.AddBlobServiceClient(StorageConnection.ForService(connection, "blob"))
                .WithVersion(BlobClientOptions.ServiceVersion.V2025_11_05);
        });

        AddQueue(services, FanOutNames.DeliveryQueue);
        AddQueue(services, FanOutNames.PoisonQueue);
        AddTable(services, FanOutNames.HistoryTable);
        AddTable(services, FanOutNames.IdempotencyTable);
        AddTable(services, FanOutNames.PresenceTable);

        services.TryAddSingleton<IDeliveryQueue>(sp => ActivatorUtilities.CreateInstance<StorageDeliveryQueue>(sp, Queue(sp, FanOutNames.DeliveryQueue)));
        services.TryAddSingleton<IHistoryStore>(sp => new TableHistoryStore(Table(sp, FanOutNames.HistoryTable), sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IIdempotencyStore>(sp => new TableIdempotencyStore(Table(sp, FanOutNames.IdempotencyTable)));
        services.TryAddSingleton<IPresenceStore>(sp => new TablePresenceStore(Table(sp, FanOutNames.PresenceTable)));
        services.TryAddSingleton(sp => sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(FanOutNames.PayloadContainer));
        services.TryAddSingleton<IPayloadStore>(sp => new BlobPayloadStore(
            sp.GetRequiredService<BlobContainerClient>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthProbe, QueueHealthProbe>(sp => new QueueHealthProbe(Queue(sp, FanOutNames.DeliveryQueue))));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthProbe, TableHealthProbe>(sp => new TableHealthProbe(Table(sp, FanOutNames.HistoryTable))));
        services.TryAddSingleton(sp => new StorageProvisioner(
            [Queue(sp, FanOutNames.DeliveryQueue), Queue(sp, FanOutNames.PoisonQueue)],
            [Table(sp, FanOutNames.HistoryTable), Table(sp, FanOutNames.IdempotencyTable), Table(sp, FanOutNames.PresenceTable)],
            sp.GetRequiredService<BlobContainerClient>()));
        return services;
    }

    private static void AddQueue(IServiceCollection services, string name) =>
        services.TryAddKeyedSingleton(name, (sp, _) => sp.GetRequiredService<QueueServiceClient>().GetQueueClient(name));

    private static void AddTable(IServiceCollection services, string name) =>
        services.TryAddKeyedSingleton(name, (sp, _) => sp.GetRequiredService<TableServiceClient>().GetTableClient(name));

    private static QueueClient Queue(IServiceProvider services, string name) => services.GetRequiredKeyedService<QueueClient>(name);

    private static TableClient Table(IServiceProvider services, string name) => services.GetRequiredKeyedService<TableClient>(name);
}
