using System.Net;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using FanOut.SignalR.Connection;
using FanOut.SignalR.Rest;
using FanOut.SignalR.Tokens;

namespace FanOut.UnitTests.SignalR;

public sealed class SignalRRestClientTests : IDisposable
{
    private readonly RecordingHandler _handler = new();

    public void Dispose() => _handler.Dispose();

    [Fact]
    public async Task SendToGroup_PostsPayloadToGroupSendWithApiVersionAndExcluded()
    {
        await Client().SendToGroupAsync("chat", "room-1", "message", [JsonDocument.Parse("{\"a\":1}").RootElement, "two"], ["c1", "c 2"]);

        var request = Assert.Single(_handler.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/hubs/chat/groups/room-1/:send", request.Uri.AbsolutePath);
        Assert.Equal("?api-version=2022-06-01&excluded=c1&excluded=c%202", request.Uri.Query);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("{\"target\":\"message\",\"arguments\":[{\"a\":1},\"two\"]}", request.Body);
    }

    [Fact]
    public async Task SendToHub_PostsToHubSend()
    {
        await Client().SendToHubAsync("chat", "notice", []);

        var request = Assert.Single(_handler.Requests);
        Assert.Equal("https://fanout.service.signalr.net/api/hubs/chat/:send?api-version=2022-06-01", request.Uri.AbsoluteUri);
        Assert.Equal("{\"target\":\"notice\",\"arguments\":[]}", request.Body);
    }

    [Fact]
    public async Task GroupMembership_PutsAndDeletesConnectionInGroup_PercentEncodingNames()
    {
        var client = Client();

        await client.AddConnectionToGroupAsync("chat", "a b/c", "id+1=");
        await client.RemoveConnectionFromGroupAsync("chat", "a b/c", "id+1=");

        Assert.Equal(["PUT", "DELETE"], _handler.Requests.Select(r => r.Method));
        Assert.All(_handler.Requests, r =>
        {
            Assert.Equal("/api/hubs/chat/groups/a%20b%2Fc/connections/id%2B1%3D", r.Uri.AbsolutePath);
            Assert.Null(r.Body);
        });
    }

    [Fact]
    public async Task GenerateToken_AsksTheServiceForAClientTokenWithUserAndLifetime()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, "{\"token\":\"issued\"}");
        var client = new SignalRRestClient(SignalRServiceEndpoint.Parse(TestKeys.ConnectionString), Options(handler));

        var token = await client.GenerateClientTokenAsync("chat", "ann", TimeSpan.FromMinutes(90));

        Assert.Equal("issued", token);
        Assert.Equal("https://fanout.service.signalr.net/api/hubs/chat/:generateToken?api-version=2024-12-01&minutesToExpire=90&userId=ann", Assert.Single(handler.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task CheckHealth_SendsHeadToHealth()
    {
        await Client().CheckHealthAsync();

        var request = Assert.Single(_handler.Requests);
        Assert.Equal("HEAD", request.Method);
        Assert.Equal("https://fanout.service.signalr.net/api/health?api-version=2022-06-01", request.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task AccessKey_SignsEachRequestForItsUrlWithoutQuery()
    {
        await Client().SendToGroupAsync("chat", "room", "m", [], ["x"]);

        var request = Assert.Single(_handler.Requests);
        Assert.StartsWith("Bearer ", request.Authorization, StringComparison.Ordinal);
        var expected = "https://fanout.service.signalr.net/api/hubs/chat/groups/room/:send";
        var result = await new AccessKeyTokenValidator(TestKeys.AccessKey).ValidateAsync(request.Authorization!["Bearer ".Length..], aud => aud == expected);
        Assert.True(result.IsValid, result.Error);
    }

    [Fact]
    public async Task Identity_UsesBearerTokenForSignalRScope()
    {
        var credential = new StaticCredential();
        var uri = new Uri("https://fanout.service.signalr.net");
        var client = new SignalRRestClient(new SignalRServiceEndpoint(uri, uri, null, credential), Options());

        await client.SendToHubAsync("chat", "m", []);

        Assert.Equal("Bearer entra-token", Assert.Single(_handler.Requests).Authorization);
        Assert.Equal(["https://signalr.azure.com/.default"], credential.Scopes);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task NonSuccess_ThrowsRequestFailedWithStatus(HttpStatusCode status)
    {
        var handler = new RecordingHandler(status);
        var client = new SignalRRestClient(SignalRServiceEndpoint.Parse(TestKeys.ConnectionString), Options(handler));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.AddConnectionToGroupAsync("chat", "g", "c"));

        Assert.Equal((int)status, error.Status);
    }

    private SignalRRestClient Client() => new(SignalRServiceEndpoint.Parse(TestKeys.ConnectionString), Options());

    private SignalRRestClientOptions Options(RecordingHandler? handler = null)
    {
        var options = new SignalRRestClientOptions { Transport = new HttpClientTransport(new HttpClient(handler ?? _handler)) };
        options.Retry.MaxRetries = 0;
        return options;
    }

    private sealed class StaticCredential : TokenCredential
    {
        public string[] Scopes { get; private set; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes = requestContext.Scopes;
            return new AccessToken("entra-token", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
