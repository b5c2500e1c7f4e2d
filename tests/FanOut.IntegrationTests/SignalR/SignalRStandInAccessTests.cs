using System.Net;
using System.Net.Http.Headers;
using FanOut.SignalR.Negotiation;
using FanOut.SignalR.Tokens;
using FanOut.Testing.SignalR;

namespace FanOut.IntegrationTests.SignalR;

/// <summary>Who the stand-in lets in, as Azure SignalR Service does: client and REST tokens signed with the AccessKey for the right URL, and CORS for browsers.</summary>
public class SignalRStandInAccessTests(StandInHostFixture host) : IClassFixture<StandInHostFixture>
{
    [Fact]
    public async Task Client_WithoutToken_IsRefusedWith401()
    {
        var url = ServiceNegotiator.ClientUrl(host.BaseUri, StandInHostFixture.NewHub());

        var error = await Assert.ThrowsAsync<NodeSignalRConnectionException>(() => NodeSignalRClient.StartAsync(url, null));

        Assert.Equal(401, error.StatusCode);
    }

    [Fact]
    public async Task Client_WithTokenSignedByAnotherKey_IsRefusedWith401()
    {
        var url = ServiceNegotiator.ClientUrl(host.BaseUri, StandInHostFixture.NewHub());
        var token = new AccessKeyTokenIssuer("SOME-OTHER-KEY-0123456789abcdefghijklmnopqrstuvwxyz").CreateToken(url, TimeSpan.FromMinutes(5));

        var error = await Assert.ThrowsAsync<NodeSignalRConnectionException>(() => NodeSignalRClient.StartAsync(url, token));

        Assert.Equal(401, error.StatusCode);
    }

    [Fact]
    public async Task Client_WithTokenForAnotherHub_IsRefusedWith401()
    {
        var token = (await host.Negotiator.NegotiateAsync(StandInHostFixture.NewHub(), null, TimeSpan.FromMinutes(5), CancellationToken.None)).AccessToken;
        var url = ServiceNegotiator.ClientUrl(host.BaseUri, StandInHostFixture.NewHub());

        var error = await Assert.ThrowsAsync<NodeSignalRConnectionException>(() => NodeSignalRClient.StartAsync(url, token));

        Assert.Equal(401, error.StatusCode);
    }

    [Fact]
    public async Task Client_WithTokenForLocalhostDefaultPort_IsAcceptedOnLoopbackPort()
    {
        var hub = StandInHostFixture.NewHub();
        var token = new AccessKeyTokenIssuer(StandInHostFixture.AccessKey).CreateToken($"http://localhost:7071/client/?hub={hub}", TimeSpan.FromMinutes(5));

        await using var client = await NodeSignalRClient.StartAsync(ServiceNegotiator.ClientUrl(host.BaseUri, hub), token);

        Assert.False(string.IsNullOrEmpty(client.ConnectionId));
    }

    [Fact]
    public async Task Health_Answers()
    {
        await host.Rest.CheckHealthAsync();
    }

    [Fact]
    public async Task Rest_WithoutToken_Is401()
    {
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/health"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Rest_WithTokenForAnotherPath_Is401()
    {
        using var http = new HttpClient { BaseAddress = host.BaseUri };
        var token = new AccessKeyTokenIssuer(StandInHostFixture.AccessKey).CreateToken($"{host.BaseUri}api/hubs/other/:send", TimeSpan.FromMinutes(5));
        using var request = new HttpRequestMessage(HttpMethod.Head, "/api/health");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Negotiate_PreflightFromAllowedOrigin_AllowsCredentialsAndAuthorization()
    {
        using var http = new HttpClient { BaseAddress = host.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Options, $"/client/negotiate?hub={StandInHostFixture.NewHub()}&negotiateVersion=1");
        request.Headers.Add("Origin", StandInHostFixture.AllowedOrigin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,x-requested-with");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(StandInHostFixture.AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", response.Headers.GetValues("Access-Control-Allow-Credentials").Single());
        Assert.Contains("authorization", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }
}
