using FanOut.Storage.Queues;
using FanOut.Storage.Tables;

namespace FanOut.Storage.Provisioning;

/// <summary>
/// Creates the delivery queue, its poison queue and the history table when they are missing: for
/// local development and tests (in Azure the Bicep template creates them).
/// </summary>
public sealed class StorageProvisioner(QueueClient deliveryQueue, QueueClient poisonQueue, TableClient historyTable)
{
    public Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(
            deliveryQueue.CreateIfNotExistsAsync(cancellationToken),
            poisonQueue.CreateIfNotExistsAsync(cancellationToken),
            historyTable.CreateIfNotExistsAsync(cancellationToken));
}
