using FanOut.Storage.Pipeline;
using FanOut.Storage.Queues;
using FanOut.Storage.Tables;
using Microsoft.Extensions.Configuration;

namespace FanOut.Storage.Connections;

/// <summary>
/// A storage account as one connection names it: its endpoints and credentials, one pipeline per
/// service, and clients for any queue or table in it.
/// </summary>
public sealed class StorageAccount : IQueueClientFactory
{
    private readonly Lazy<Azure.Core.Pipeline.HttpPipeline> _queuePipeline;
    private readonly Lazy<Azure.Core.Pipeline.HttpPipeline> _tablePipeline;

    public StorageAccount(StorageEndpoints endpoints, string connectionName = "storage", Action<StorageClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        Endpoints = endpoints;
        ConnectionName = connectionName;
        _queuePipeline = new(() => StoragePipeline.Build(StorageService.Queue, endpoints, configure));
        _tablePipeline = new(() => StoragePipeline.Build(StorageService.Table, endpoints, configure));
    }

    public StorageEndpoints Endpoints { get; }

    public string ConnectionName { get; }

    /// <summary>The account the connection named <paramref name="connectionName"/> resolves to, as the Functions host resolves it.</summary>
    public static StorageAccount FromConfiguration(IConfiguration configuration, string connectionName, Action<StorageClientOptions>? configure = null) =>
        new(StorageConnectionResolver.Resolve(configuration, connectionName), connectionName, configure);

    /// <summary>The account of a connection string (or <c>UseDevelopmentStorage=true</c>).</summary>
    public static StorageAccount FromConnectionString(string connectionString, Action<StorageClientOptions>? configure = null) =>
        new(ConnectionStringParser.Parse(connectionString), "connection string", configure);

    public QueueClient GetQueue(string queueName) =>
        new(_queuePipeline.Value, Require(Endpoints.QueueEndpoint, "queue"), queueName);

    public TableClient GetTable(string tableName) =>
        new(_tablePipeline.Value, Require(Endpoints.TableEndpoint, "table"), tableName);

    private Uri Require(Uri? endpoint, string service) =>
        endpoint ?? throw new InvalidOperationException(
            $"Storage connection '{ConnectionName}' has no {service} endpoint: set '{ConnectionName}__{service}ServiceUri' or '{ConnectionName}__accountName'.");
}
