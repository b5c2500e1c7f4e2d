using System.Net;
using FanOut.Testing.LocalHost;

namespace FanOut.EndToEndTests;

/// <summary>When Storage goes away under the service, callers get a clear, retryable answer.</summary>
public class StorageOutageTests(LocalHostFixture fixture) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task Publish_WhileStorageIsDown_Gets503UnavailableWithRetryAfter_AndHealthSaysUnhealthyWithoutDetails()
    {
        (await fixture.PublishAsync("chat", LocalHostFixture.UniqueGroup(), "e", 1)).EnsureSuccessStatusCode();
        await fixture.StopStorageAsync();

        using var publish = await fixture.PublishAsync("chat", LocalHostFixture.UniqueGroup(), "e", 2);
        using var history = await fixture.Http.GetAsync(new Uri("/api/hubs/chat/groups/general/messages", UriKind.Relative));
        using var health = await fixture.Http.GetAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, publish.StatusCode);
        Assert.Equal("application/problem+json", publish.Content.Headers.ContentType?.MediaType);
        Assert.Equal("unavailable", (await publish.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.NotNull(publish.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, history.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var checks = (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
        Assert.Equal("unhealthy", checks.GetProperty("queue").GetProperty("status").GetString());
        Assert.DoesNotContain("127.0.0.1", checks.GetRawText(), StringComparison.Ordinal);
        Assert.False(checks.GetProperty("queue").TryGetProperty("error", out _));
    }
}
