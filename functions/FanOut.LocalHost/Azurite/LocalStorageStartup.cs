using Azure.Data.Tables;
using Azure.Storage.Queues;
using FanOut.LocalHost.Settings;
using FanOut.Storage.Provisioning;
using Microsoft.Extensions.Options;

namespace FanOut.LocalHost.Azurite;

/// <summary>
/// Before anything touches storage: in Development, when nothing answers at the configured
/// loopback storage endpoints, start the repository's pinned Azurite there (data under a
/// git-ignored folder, so history survives restarts) and stop it on exit; then create the
/// queues and the table if they are missing.
/// </summary>
public sealed partial class LocalStorageStartup(
    QueueServiceClient queues,
    TableServiceClient tables,
    IHostEnvironment environment,
    IOptions<LocalHostOptions> options,
    StorageProvisioner provisioner,
    ILogger<LocalStorageStartup> logger) : IHostedLifecycleService
{
    private AzuriteProcess? _azurite;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (environment.IsDevelopment() && options.Value.StartAzurite)
        {
            _azurite = await StartAzuriteIfAbsentAsync(cancellationToken);
        }

        await provisioner.EnsureCreatedAsync(cancellationToken);
    }

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    private async Task<AzuriteProcess?> StartAzuriteIfAbsentAsync(CancellationToken cancellationToken)
    {
        if (queues.Uri is not { IsLoopback: true } queue || tables.Uri is not { IsLoopback: true } table)
        {
            return null;
        }

        if (await FreePort.IsListeningAsync(queue.Port, cancellationToken) && await FreePort.IsListeningAsync(table.Port, cancellationToken))
        {
            return null;
        }

        var root = options.Value.RepositoryRoot;
        var location = Path.Combine(root, options.Value.AzuriteDataPath);
        Directory.CreateDirectory(location);
        LogStarting(logger, queue.Port, table.Port, location);
        return await AzuriteProcess.StartAsync(
            new AzuriteOptions
            {
                BlobPort = AzuriteAccount.DefaultBlobPort,
                QueuePort = queue.Port,
                TablePort = table.Port,
                Location = location,
                RepositoryRoot = root,
            },
            logger,
            cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Nothing answers at the storage endpoints: starting Azurite on queue port {QueuePort} and table port {TablePort}, data in {Location}")]
    private static partial void LogStarting(ILogger logger, int queuePort, int tablePort, string location);
}
