using Azure.Identity;
using FanOut.SignalR.Connection;
using FanOut.SignalR.Negotiation;
using Microsoft.IdentityModel.JsonWebTokens;

namespace FanOut.UnitTests.SignalR;

public class AccessKeyNegotiatorTests
{
    [Fact]
    public void Negotiate_ReturnsClientUrlAndTokenForThatUrl()
    {
        var now = new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var negotiator = new AccessKeyNegotiator(SignalRServiceEndpoint.Parse(TestKeys.ConnectionString), new ManualTimeProvider(now));

        var info = negotiator.Negotiate("chat", "alice");

        Assert.Equal("https://fanout.service.signalr.net/client/?hub=chat", info.Url);
        var jwt = new JsonWebToken(info.AccessToken);
        Assert.Equal([info.Url], jwt.Audiences);
        Assert.Equal("alice", jwt.GetClaim("nameid").Value);
        Assert.Equal(now.UtcDateTime.AddHours(1), jwt.ValidTo);
    }

    [Fact]
    public void Negotiate_WithClientEndpoint_PointsClientsThere()
    {
        var endpoint = SignalRServiceEndpoint.Parse(TestKeys.ConnectionString + "ClientEndpoint=https://clients.example.com/;");

        var info = new AccessKeyNegotiator(endpoint).Negotiate("chat", null);

        Assert.Equal("https://clients.example.com/client/?hub=chat", info.Url);
        Assert.False(new JsonWebToken(info.AccessToken).TryGetClaim("nameid", out _));
    }

    [Fact]
    public void Negotiate_IdentityOnlyEndpoint_ThrowsNotSupported()
    {
        var uri = new Uri("https://fanout.service.signalr.net");
        var negotiator = new AccessKeyNegotiator(new SignalRServiceEndpoint(uri, uri, null, new DefaultAzureCredential()));

        var error = Assert.Throws<NotSupportedException>(() => negotiator.Negotiate("chat", null));
        Assert.Contains("SignalRConnectionInfo", error.Message, StringComparison.Ordinal);
    }
}
