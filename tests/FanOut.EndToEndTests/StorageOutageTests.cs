using System.Net;
using FanOut.Testing.LocalHost;

namespace FanOut.EndToEndTests;

/// <summary>When Storage goes away under the service, callers get a clear, retryable answer.</summary>
public class StorageOutageTests(LocalHostFixture fixture) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task Publish_WhileStorageIsDown_Gets503UnavailableWithRetryAfter_AndHealthGivesDetailsOnlyToPublishers()
    {
        (await fixture.PublishAsync("chat", LocalHostFixture.UniqueGroup(), "e", 1)).EnsureSuccessStatusCode();
        await fixture.StopStorageAsync();

        // At once: each waits out the Storage SDK's retries.
        var requests = await Task.WhenAll(
            fixture.PublishAsync("chat", LocalHostFixture.UniqueGroup(), "e", 2),
            fixture.Http.GetAsync(new Uri("/api/hubs/chat/groups/general/messages", UriKind.Relative)),
            fixture.AnonymousHttp.GetAsync(new Uri("/api/health", UriKind.Relative)),
            fixture.Http.GetAsync(new Uri("/api/health", UriKind.Relative)));
        using var publish = requests[0];
        using var history = requests[1];
        using var health = requests[2];
        using var publisherHealth = requests[3];

        Assert.Equal(HttpStatusCode.ServiceUnavailable, publish.StatusCode);
        Assert.Equal("application/problem+json", publish.Content.Headers.ContentType?.MediaType);
        Assert.Equal("unavailable", (await publish.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.NotNull(publish.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, history.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var checks = (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
        Assert.Equal("unhealthy", checks.GetProperty("queue").GetProperty("status").GetString());
        Assert.DoesNotContain("127.0.0.1", checks.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, checks.GetProperty("queue").GetProperty("error").ValueKind);
        var publisherChecks = (await publisherHealth.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
        Assert.Equal(JsonValueKind.String, publisherChecks.GetProperty("queue").GetProperty("error").ValueKind);
    }
}
