using FanOut.Core.Publishing;
using FanOut.Storage.Idempotency;
using FanOut.Testing.Azurite;

namespace FanOut.IntegrationTests.Storage;

public sealed class TableIdempotencyStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static IdempotencyRecord Claim(string key, string messageId = "m1") =>
        new("chat", key, "hash-1", messageId, "general", Accepted: false, new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Claim_OfAFreeKey_StoresIt_AndASecondClaimGetsTheFirstRecord()
    {
        var store = new TableIdempotencyStore(await azurite.CreateTableAsync());

        var (first, claimed) = await store.ClaimAsync(Claim("order/17 #?"), CancellationToken.None);
        var (second, claimedAgain) = await store.ClaimAsync(Claim("order/17 #?", "m2"), CancellationToken.None);

        Assert.True(claimed);
        Assert.False(claimedAgain);
        Assert.Equal(("m1", "hash-1", "general", false), (second.MessageId, second.RequestHash, second.Group, second.Accepted));
        Assert.Equal(first.CreatedAt, second.CreatedAt);
        Assert.Equal(first.ETag, second.ETag);
    }

    [Fact]
    public async Task Replace_IsConditionalOnTheETag()
    {
        var store = new TableIdempotencyStore(await azurite.CreateTableAsync());
        var (claim, _) = await store.ClaimAsync(Claim("k"), CancellationToken.None);

        var accepted = await store.TryReplaceAsync(claim, claim with { Accepted = true }, CancellationToken.None);
        var stale = await store.TryReplaceAsync(claim, claim with { MessageId = "other" }, CancellationToken.None);

        Assert.NotNull(accepted);
        Assert.Null(stale);
        Assert.True((await store.ReadAsync("chat", "k", CancellationToken.None))!.Accepted);
    }

    [Fact]
    public async Task Release_FreesTheKeyOnlyForItsOwnClaim()
    {
        var store = new TableIdempotencyStore(await azurite.CreateTableAsync());
        var (claim, _) = await store.ClaimAsync(Claim("k"), CancellationToken.None);
        var confirmed = await store.TryReplaceAsync(claim, claim with { Accepted = true }, CancellationToken.None);

        await store.ReleaseAsync(claim, CancellationToken.None);
        Assert.NotNull(await store.ReadAsync("chat", "k", CancellationToken.None));

        await store.ReleaseAsync(confirmed!, CancellationToken.None);
        Assert.Null(await store.ReadAsync("chat", "k", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteExpired_RemovesRecordsCreatedBeforeTheCutoff_InEveryHub_AndKeepsTheRest()
    {
        var store = new TableIdempotencyStore(await azurite.CreateTableAsync());
        var old = Claim("old").CreatedAt;
        await store.ClaimAsync(Claim("old"), CancellationToken.None);
        await store.ClaimAsync(Claim("also old") with { Hub = "news" }, CancellationToken.None);
        await store.ClaimAsync(Claim("recent") with { CreatedAt = old.AddDays(1) }, CancellationToken.None);

        var deleted = await store.DeleteExpiredAsync(old.AddHours(1), max: 10, CancellationToken.None);

        Assert.Equal(2, deleted);
        Assert.Null(await store.ReadAsync("chat", "old", CancellationToken.None));
        Assert.Null(await store.ReadAsync("news", "also old", CancellationToken.None));
        Assert.NotNull(await store.ReadAsync("chat", "recent", CancellationToken.None));
    }

    [Fact]
    public async Task Keys_AreScopedToTheirHub()
    {
        var store = new TableIdempotencyStore(await azurite.CreateTableAsync());
        await store.ClaimAsync(Claim("k"), CancellationToken.None);

        var (_, claimedInOtherHub) = await store.ClaimAsync(Claim("k") with { Hub = "news" }, CancellationToken.None);

        Assert.True(claimedInOtherHub);
    }
}
