using FanOut.SignalR.Connection;

namespace FanOut.UnitTests.SignalR;

public class ConnectionStringParserTests
{
    [Fact]
    public void Parse_EndpointAndAccessKey_UsesEndpointForServerAndClients()
    {
        var endpoint = SignalRServiceEndpoint.Parse(TestKeys.ConnectionString);

        Assert.Equal("https://fanout.service.signalr.net/", endpoint.ServerEndpoint.AbsoluteUri);
        Assert.Equal(endpoint.ServerEndpoint, endpoint.ClientEndpoint);
        Assert.Equal(TestKeys.AccessKey, endpoint.AccessKey);
        Assert.Null(endpoint.Credential);
    }

    [Fact]
    public void Parse_LocalEndpointWithTrailingSlashAndLowerCaseKeys_IsNormalized()
    {
        var endpoint = SignalRServiceEndpoint.Parse($"endpoint=http://localhost:7071/ ; accesskey={TestKeys.AccessKey} ; version=1.0");

        Assert.Equal("http://localhost:7071/", endpoint.ServerEndpoint.AbsoluteUri);
        Assert.Equal(7071, endpoint.ServerEndpoint.Port);
    }

    [Fact]
    public void Parse_WithPort_AppliesPortToServerAndClientEndpoints()
    {
        var endpoint = SignalRServiceEndpoint.Parse(TestKeys.ConnectionString + "Port=8443;");

        Assert.Equal("https://fanout.service.signalr.net:8443/", endpoint.ServerEndpoint.AbsoluteUri);
        Assert.Equal(endpoint.ServerEndpoint, endpoint.ClientEndpoint);
    }

    [Fact]
    public void Parse_WithClientEndpoint_UsesItForClientsOnly()
    {
        var endpoint = SignalRServiceEndpoint.Parse(TestKeys.ConnectionString + "ClientEndpoint=https://clients.example.com;");

        Assert.Equal("https://fanout.service.signalr.net/", endpoint.ServerEndpoint.AbsoluteUri);
        Assert.Equal("https://clients.example.com/", endpoint.ClientEndpoint.AbsoluteUri);
    }

    [Fact]
    public void Parse_AccessKeyEndingInEquals_KeepsTheWholeKey()
    {
        var key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG=";

        var endpoint = SignalRServiceEndpoint.Parse($"Endpoint=https://x.service.signalr.net;AccessKey={key};Version=1.0;");

        Assert.Equal(key, endpoint.AccessKey);
    }

    [Theory]
    [InlineData("AccessKey=" + TestKeys.AccessKey + ";Version=1.0;", "Endpoint")]
    [InlineData("Endpoint=ftp://x;AccessKey=" + TestKeys.AccessKey, "Endpoint")]
    [InlineData("Endpoint=https://x;Version=1.0;", "AccessKey")]
    [InlineData("Endpoint=https://x;AccessKey=short;", "AccessKey")]
    [InlineData("Endpoint=https://x;AccessKey=" + TestKeys.AccessKey + ";Port=http", "Port")]
    [InlineData("Endpoint=https://x;AccessKey=" + TestKeys.AccessKey + ";ClientEndpoint=nope", "ClientEndpoint")]
    [InlineData("Endpoint=https://x;garbage", "garbage")]
    public void Parse_Invalid_ThrowsNamingTheSettingAndTheProblem(string connectionString, string problem)
    {
        var error = Assert.Throws<FormatException>(() => SignalRServiceEndpoint.Parse(connectionString));

        Assert.Contains("AzureSignalRConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
