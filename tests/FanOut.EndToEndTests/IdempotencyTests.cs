using System.Net;
using System.Text;
using FanOut.Testing.LocalHost;

namespace FanOut.EndToEndTests;

/// <summary>Retrying a publish with its Idempotency-Key is always safe: one message, however many attempts.</summary>
public class IdempotencyTests(LocalHostFixture fixture) : IClassFixture<LocalHostFixture>
{
    private const string Hub = "chat";

    [Fact]
    public async Task HundredConcurrentPublishesWithOneKey_StoreAndDeliverOneMessage()
    {
        var group = LocalHostFixture.UniqueGroup();
        await using var member = await fixture.ConnectAsync(Hub, targets: "order");
        await member.JoinAsync(group);
        var body = """{"event":"order","data":{"id":17}}"""u8.ToArray();
        var key = new KeyValuePair<string, string>("Idempotency-Key", Guid.NewGuid().ToString());

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => fixture.PublishRawAsync(Hub, group, body, headers: [key])));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()));
        Assert.Single(ids.Distinct());
        Assert.Equal(99, responses.Count(r => r.Headers.TryGetValues("Idempotent-Replayed", out var v) && v.Single() == "true"));

        // A later message marks the end: by then any copy of the first would have arrived before it.
        using var after = await fixture.PublishAsync(Hub, group, "order", "after");
        await member.WaitForMessageAsync("order", m => m.Arg0.GetProperty("offset").GetInt64() == 2);
        var history = await fixture.WaitForHistoryAsync(Hub, group, 2);
        Assert.Equal([(ids[0], 1L), (null, 2L)], history.GetProperty("messages").EnumerateArray()
            .Select(m => (m.GetProperty("offset").GetInt64() == 1 ? m.GetProperty("id").GetString() : null, m.GetProperty("offset").GetInt64())));
        Assert.Single(member.Received, m => m.Target == "order" && m.Arg0.GetProperty("id").GetString() == ids[0]);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task SameKeyWithAnotherBody_Gets422_AndStoresNothingNew()
    {
        var group = LocalHostFixture.UniqueGroup();
        var key = new KeyValuePair<string, string>("Idempotency-Key", "k-" + Guid.NewGuid());
        using var first = await fixture.PublishRawAsync(Hub, group, Encoding.UTF8.GetBytes("""{"event":"e","data":1}"""), headers: [key]);

        using var other = await fixture.PublishRawAsync(Hub, group, Encoding.UTF8.GetBytes("""{"event":"e","data":2}"""), headers: [key]);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("idempotency_key_reused", (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        (await fixture.PublishAsync(Hub, group, "e", "last")).EnsureSuccessStatusCode();
        var history = await fixture.WaitForHistoryAsync(Hub, group, 2);
        Assert.Equal(["1", "\"last\""], history.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("data").GetRawText()));
    }

    [Fact]
    public async Task KeyThatIsNotVisibleAscii_Gets400()
    {
        using var response = await fixture.PublishRawAsync(Hub, LocalHostFixture.UniqueGroup(), """{"event":"e"}"""u8.ToArray(), headers: [new("Idempotency-Key", "has space")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_idempotency_key", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
