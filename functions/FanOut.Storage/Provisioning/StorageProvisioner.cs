using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace FanOut.Storage.Provisioning;

/// <summary>
/// Creates the queues, tables and the payload container when they are missing: for local development and tests
/// (in Azure the Bicep template creates them).
/// </summary>
public sealed class StorageProvisioner(IReadOnlyList<QueueClient> queues, IReadOnlyList<TableClient> tables, BlobContainerClient payloads)
{
    public Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(
            queues.Select(q => q.CreateIfNotExistsAsync(cancellationToken: cancellationToken))
                .Concat<Task>(tables.Select(t => t.CreateIfNotExistsAsync(cancellationToken)))
                .Append(payloads.CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
}
