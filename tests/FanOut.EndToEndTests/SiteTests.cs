using System.Net;
using FanOut.Testing.Http;
using FanOut.Testing.LocalHost;

namespace FanOut.EndToEndTests;

/// <summary>
/// The local host serves the chat page, the dashboard, their files, the client library and SignalR's
/// browser build, and nothing else from the client's folder.
/// </summary>
public class SiteTests(LocalHostFixture fixture) : IClassFixture<LocalHostFixture>
{
    [Theory]
    [InlineData("/", "text/html", "FanOut chat")]
    [InlineData("/dashboard", "text/html", "FanOut dashboard")]
    [InlineData("/app/chat.js", "text/javascript", "FanOutClient")]
    [InlineData("/app/site.css", "text/css", ":root")]
    [InlineData("/lib/fanout-client.js", "text/javascript", "export class FanOutClient")]
    [InlineData("/lib/src/sequencer.js", "text/javascript", "export class Sequencer")]
    [InlineData("/lib/signalr-browser.js", "text/javascript", "HubConnectionBuilder")]
    [InlineData("/lib/signalr/signalr.min.js", "text/javascript", "signalR")]
    public async Task Page_OrFile_IsServed(string path, string mediaType, string content)
    {
        using var response = await fixture.AnonymousHttp.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Contains(content, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/lib/package.json")]
    [InlineData("/lib/fanout-client.d.ts")]
    [InlineData("/lib/node_modules/ws/index.js")]
    [InlineData("/app/../fanout-client.js")]
    [InlineData("/lib/../../../local.settings.sample.json")]
    [InlineData("/lib/%2e%2e/%2e%2e/%2e%2e/host.json")]
    [InlineData("/app/nothing.js")]
    public async Task AnythingElse_IsNotFound(string path)
    {
        var (status, answer) = await RawHttp.SendAsync(fixture.Host.BaseUrl, $"GET {path} HTTP/1.1\nHost: localhost\nConnection: close\n", []);

        Assert.Equal(404, status);
        Assert.DoesNotContain("Values", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("extensions", answer, StringComparison.Ordinal);
    }
}
