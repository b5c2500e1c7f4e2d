using Azure.Data.Tables;
using Azure.Storage.Queues;
using FanOut.Core;
using FanOut.LocalHost.Azurite;
using FanOut.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FanOut.Testing.Azurite;

/// <summary>
/// An in-memory Azurite on free loopback ports for one test class (stopped by PID afterwards), with
/// the Storage clients registered exactly as the service registers them. Tests use
/// <see cref="UniqueName"/> queues and tables, never shared state.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;
    private ServiceProvider? _services;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public string ConnectionString => Azurite.ConnectionString;

    /// <summary>The service's own registrations (<c>AddFanOutStorage</c>) against this Azurite.</summary>
    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Azurite has not started.");

    public QueueServiceClient Queues => Services.GetRequiredService<QueueServiceClient>();

    public TableServiceClient Tables => Services.GetRequiredService<TableServiceClient>();

    /// <summary>A queue or table name no other test uses: a letter, then 32 hex digits.</summary>
    public static string UniqueName(string prefix = "t") => prefix + Guid.NewGuid().ToString("N");

    /// <summary>Configuration with <c>AzureWebJobsStorage</c> pointing here, plus any extra settings.</summary>
    public IConfiguration CreateConfiguration(IEnumerable<KeyValuePair<string, string?>>? settings = null) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection([new(FanOutNames.StorageConnection, ConnectionString), .. settings ?? []])
            .Build();

    public async Task<QueueClient> CreateQueueAsync()
    {
        var queue = Queues.GetQueueClient(UniqueName("q"));
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    public async Task<TableClient> CreateTableAsync()
    {
        var table = Tables.GetTableClient(UniqueName());
        await table.CreateIfNotExistsAsync();
        return table;
    }

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(new AzuriteOptions());
        var services = new ServiceCollection().AddLogging();
        services.AddFanOutStorage(CreateConfiguration());
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
