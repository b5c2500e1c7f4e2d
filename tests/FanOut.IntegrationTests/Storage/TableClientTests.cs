using Azure;
using FanOut.Storage.Tables;
using FanOut.Testing.Azurite;

namespace FanOut.IntegrationTests.Storage;

public sealed class TableClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task CreateIfNotExists_WhenTableExists_ReturnsFalse()
    {
        var table = azurite.Account.GetTable(AzuriteFixture.UniqueName());

        Assert.True(await table.CreateIfNotExistsAsync());
        Assert.False(await table.CreateIfNotExistsAsync());
    }

    [Fact]
    public async Task Get_AfterInsert_ReturnsEveryEdmTypeUnchanged()
    {
        var table = await azurite.CreateTableAsync();
        var when = new DateTimeOffset(2026, 11, 22, 3, 4, 5, 678, TimeSpan.Zero);
        var id = Guid.NewGuid();
        var entity = new TableEntity("p", "r")
        {
            ["Text"] = "hello 'world' 🎉",
            ["Flag"] = true,
            ["Small"] = 42,
            ["Big"] = long.MaxValue - 1,
            ["Ratio"] = 2.5,
            ["When"] = when,
            ["Id"] = id,
            ["Bytes"] = new byte[] { 0, 1, 2, 255 },
        };

        var etag = await table.InsertAsync(entity);
        var read = await table.GetAsync("p", "r");

        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.NotNull(read.Timestamp);
        Assert.Equal("hello 'world' 🎉", read.GetString("Text"));
        Assert.True(read.GetBoolean("Flag"));
        Assert.Equal(42, read.GetInt32("Small"));
        Assert.Equal(long.MaxValue - 1, read.GetInt64("Big"));
        Assert.Equal(2.5, read.GetDouble("Ratio"));
        Assert.Equal(when, read.GetDateTimeOffset("When"));
        Assert.Equal(id, read.GetGuid("Id"));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, read.GetBinary("Bytes"));
    }

    [Fact]
    public async Task Get_WhenEntityMissing_ReturnsNull()
    {
        var table = await azurite.CreateTableAsync();

        Assert.Null(await table.GetAsync("p", "nothing"));
    }

    [Theory]
    [InlineData("it's", "o'clock''")]
    [InlineData("with space", "100% & more")]
    [InlineData("hub|group", "~id~ünï😀")]
    public async Task InsertGetDelete_WithSpecialCharactersInKeys_AddressTheEntity(string partitionKey, string rowKey)
    {
        var table = await azurite.CreateTableAsync();

        await table.InsertAsync(new TableEntity(partitionKey, rowKey) { ["V"] = 1 });
        var read = await table.GetAsync(partitionKey, rowKey);
        await table.DeleteAsync(partitionKey, rowKey);

        Assert.Equal(rowKey, read?.RowKey);
        Assert.Null(await table.GetAsync(partitionKey, rowKey));
    }

    [Fact]
    public async Task Insert_WhenEntityExists_Throws409EntityAlreadyExists()
    {
        var table = await azurite.CreateTableAsync();
        await table.InsertAsync(new TableEntity("p", "r"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.InsertAsync(new TableEntity("p", "r")));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
    }

    [Fact]
    public async Task Update_WithStaleETag_Throws412()
    {
        var table = await azurite.CreateTableAsync();
        var stale = await table.InsertAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var current = await table.UpdateAsync(new TableEntity("p", "r") { ["V"] = 2 }, stale!);

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => table.UpdateAsync(new TableEntity("p", "r") { ["V"] = 3 }, stale!));

        Assert.NotEqual(stale, current);
        Assert.Equal(412, error.Status);
        Assert.Equal(2, (await table.GetAsync("p", "r"))?.GetInt32("V"));
    }

    [Fact]
    public async Task Upsert_MergeKeepsOtherProperties_ReplaceDropsThem()
    {
        var table = await azurite.CreateTableAsync();
        await table.UpsertAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" });

        await table.UpsertAsync(new TableEntity("p", "r") { ["B"] = "b2" }, TableUpdateMode.Merge);
        var merged = await table.GetAsync("p", "r");
        await table.UpsertAsync(new TableEntity("p", "r") { ["C"] = "c" }, TableUpdateMode.Replace);
        var replaced = await table.GetAsync("p", "r");

        Assert.Equal(("a", "b2"), (merged?.GetString("A"), merged?.GetString("B")));
        Assert.Equal([("C", (object?)"c")], replaced!.Properties.Select(p => (p.Key, p.Value)));
    }

    [Fact]
    public async Task Delete_WithStaleETag_Throws412AndKeepsEntity()
    {
        var table = await azurite.CreateTableAsync();
        var stale = await table.InsertAsync(new TableEntity("p", "r"));
        await table.UpsertAsync(new TableEntity("p", "r") { ["V"] = 1 });

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteAsync("p", "r", stale!));

        Assert.Equal(412, error.Status);
        Assert.NotNull(await table.GetAsync("p", "r"));
    }

    [Fact]
    public async Task Query_WithMoreRowsThanTop_PagesThroughContinuations()
    {
        var table = await azurite.CreateTableAsync();
        for (var i = 0; i < 25; i++)
        {
            await table.InsertAsync(new TableEntity("p", i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)) { ["I"] = i });
        }

        await table.InsertAsync(new TableEntity("other", "000"));

        var first = await table.QueryAsync(TableFilter.PartitionKeyEquals("p"), top: 10);
        var second = await table.QueryAsync(TableFilter.PartitionKeyEquals("p"), top: 10, first.Continuation);
        var all = await table.QueryAllAsync(TableFilter.PartitionKeyEquals("p"), pageSize: 10).ToListAsync();

        Assert.Equal(10, first.Entities.Count);
        Assert.NotNull(first.Continuation);
        Assert.Equal("010", second.Entities[0].RowKey);
        Assert.Equal(Enumerable.Range(0, 25), all.Select(e => e.GetInt32("I")!.Value));
    }

    [Fact]
    public async Task Query_WithQuoteInFilterValue_MatchesOnlyThatKey()
    {
        var table = await azurite.CreateTableAsync();
        await table.InsertAsync(new TableEntity("a' or PartitionKey ne 'x", "1"));
        await table.InsertAsync(new TableEntity("b", "2"));

        var page = await table.QueryAsync(TableFilter.Create($"PartitionKey eq {"a' or PartitionKey ne 'x"}"));

        Assert.Equal("1", Assert.Single(page.Entities).RowKey);
    }

    [Fact]
    public async Task SubmitTransaction_WithAllActionsValid_StoresThemAll()
    {
        var table = await azurite.CreateTableAsync();
        var existing = await table.InsertAsync(new TableEntity("p", "update") { ["V"] = 1 });
        await table.InsertAsync(new TableEntity("p", "delete"));

        var etags = await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "add") { ["V"] = 1L }),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "update") { ["V"] = 2 }, existing),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "upsert") { ["V"] = 3 }),
            new(TableTransactionActionType.Delete, new TableEntity("p", "delete")),
        ]);

        Assert.Equal(4, etags.Count);
        Assert.Equal(1L, (await table.GetAsync("p", "add"))?.GetInt64("V"));
        Assert.Equal(2, (await table.GetAsync("p", "update"))?.GetInt32("V"));
        Assert.Equal(3, (await table.GetAsync("p", "upsert"))?.GetInt32("V"));
        Assert.Null(await table.GetAsync("p", "delete"));
    }

    [Fact]
    public async Task SubmitTransaction_WithOneConflictingInsert_StoresNothingAndReportsTheAction()
    {
        var table = await azurite.CreateTableAsync();
        await table.InsertAsync(new TableEntity("p", "taken"));

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "new1")),
            new(TableTransactionActionType.Add, new TableEntity("p", "taken")),
            new(TableTransactionActionType.Add, new TableEntity("p", "new2")),
        ]));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(1, error.FailedActionIndex);
        Assert.Null(await table.GetAsync("p", "new1"));
        Assert.Null(await table.GetAsync("p", "new2"));
    }

    [Fact]
    public async Task SubmitTransaction_WithStaleETag_Throws412AndStoresNothing()
    {
        var table = await azurite.CreateTableAsync();
        var stale = await table.InsertAsync(new TableEntity("p", "head") { ["V"] = 1 });
        await table.UpsertAsync(new TableEntity("p", "head") { ["V"] = 2 });

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "head") { ["V"] = 3 }, stale),
            new(TableTransactionActionType.Add, new TableEntity("p", "row")),
        ]));

        Assert.Equal(412, error.Status);
        Assert.Null(await table.GetAsync("p", "row"));
    }
}
