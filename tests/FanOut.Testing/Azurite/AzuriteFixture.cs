using FanOut.Core;
using FanOut.LocalHost.Azurite;
using FanOut.Storage.Connections;
using FanOut.Storage.Queues;
using FanOut.Storage.Tables;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace FanOut.Testing.Azurite;

/// <summary>
/// An in-memory Azurite on free loopback ports for one test class (stopped by PID afterwards), with
/// helpers for configuration and clients. Tests use <see cref="UniqueName"/> queues and tables, never shared state.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;
    private StorageAccount? _account;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public string ConnectionString => Azurite.ConnectionString;

    /// <summary>The dev account on this Azurite, as the service's own code resolves it.</summary>
    public StorageAccount Account => _account ?? throw new InvalidOperationException("Azurite has not started.");

    /// <summary>A queue or table name no other test uses: a letter, then 32 hex digits.</summary>
    public static string UniqueName(string prefix = "t") => prefix + Guid.NewGuid().ToString("N");

    /// <summary>Configuration with <c>AzureWebJobsStorage</c> pointing here, plus any extra settings.</summary>
    public IConfiguration CreateConfiguration(IEnumerable<KeyValuePair<string, string?>>? settings = null) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection([new(FanOutNames.StorageConnection, ConnectionString), .. settings ?? []])
            .Build();

    public async Task<QueueClient> CreateQueueAsync()
    {
        var queue = Account.GetQueue(UniqueName("q"));
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    public async Task<TableClient> CreateTableAsync()
    {
        var table = Account.GetTable(UniqueName());
        await table.CreateIfNotExistsAsync();
        return table;
    }

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(new AzuriteOptions());
        _account = StorageAccount.FromConnectionString(_azurite.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
