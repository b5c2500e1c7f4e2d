using Azure;
using FanOut.Testing.Azurite;

namespace FanOut.IntegrationTests.Storage;

public sealed class QueueClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task CreateIfNotExists_WhenQueueExists_ReturnsFalse()
    {
        var queue = azurite.Account.GetQueue(AzuriteFixture.UniqueName("q"));

        Assert.True(await queue.CreateIfNotExistsAsync());
        Assert.False(await queue.CreateIfNotExistsAsync());
    }

    [Fact]
    public async Task Receive_AfterSend_ReturnsTextExactlyIncludingXmlSpecialCharacters()
    {
        var queue = await azurite.CreateQueueAsync();
        const string text = "<a href=\"x\">&amp; 'quoted' 🎉 ünïcode</a>";

        var sent = await queue.SendAsync(text);
        var received = Assert.Single(await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30)));

        Assert.Equal(sent.MessageId, received.MessageId);
        Assert.Equal(text, received.Text);
        Assert.Equal(1, received.DequeueCount);
        Assert.True(received.NextVisibleOn > received.InsertedOn);
    }

    [Fact]
    public async Task Receive_HidesMessagesForTheVisibilityTimeout()
    {
        var queue = await azurite.CreateQueueAsync();
        await queue.SendAsync("one");

        Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Send_WithVisibilityDelay_IsNotReceivableUntilTheDelayPasses()
    {
        var queue = await azurite.CreateQueueAsync();

        await queue.SendAsync("later", visibilityDelay: TimeSpan.FromSeconds(2), timeToLive: TimeSpan.FromMinutes(5));

        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal("later", Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30))).Text);
    }

    [Fact]
    public async Task UpdateVisibility_ToZero_ReturnsNewPopReceiptAndMakesMessageReceivableAgain()
    {
        var queue = await azurite.CreateQueueAsync();
        await queue.SendAsync("retry me");
        var first = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));

        var receipt = await queue.UpdateVisibilityAsync(first.MessageId, first.PopReceipt, TimeSpan.Zero);
        var second = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));

        Assert.NotEqual(first.PopReceipt, receipt);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.DequeueCount);
    }

    [Fact]
    public async Task Delete_WithCurrentPopReceipt_RemovesMessage()
    {
        var queue = await azurite.CreateQueueAsync();
        await queue.SendAsync("a");
        await queue.SendAsync("b");
        Assert.Equal(2, await queue.GetApproximateCountAsync());

        var messages = await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30));
        foreach (var message in messages)
        {
            await queue.DeleteAsync(message.MessageId, message.PopReceipt);
        }

        Assert.Equal(2, messages.Count);
        Assert.Equal(0, await queue.GetApproximateCountAsync());
    }

    [Fact]
    public async Task Delete_WithStalePopReceipt_ThrowsRequestFailed()
    {
        var queue = await azurite.CreateQueueAsync();
        await queue.SendAsync("a");
        var message = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));
        await queue.UpdateVisibilityAsync(message.MessageId, message.PopReceipt, TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteAsync(message.MessageId, message.PopReceipt));

        Assert.Equal(400, error.Status / 100 * 100);
        Assert.NotNull(error.ErrorCode);
    }

    [Fact]
    public async Task Send_ToMissingQueue_Throws404QueueNotFound()
    {
        var queue = azurite.Account.GetQueue(AzuriteFixture.UniqueName("q"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendAsync("x"));

        Assert.Equal(404, error.Status);
        Assert.Equal("QueueNotFound", error.ErrorCode);
    }
}
