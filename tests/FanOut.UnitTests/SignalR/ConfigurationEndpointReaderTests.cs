using Azure.Identity;
using FanOut.SignalR.Connection;
using Microsoft.Extensions.Configuration;

namespace FanOut.UnitTests.SignalR;

public class ConfigurationEndpointReaderTests
{
    [Fact]
    public void FromConfiguration_ConnectionString_UsesAccessKey()
    {
        var endpoint = SignalRServiceEndpoint.FromConfiguration(Config(("AzureSignalRConnectionString", TestKeys.ConnectionString)));

        Assert.Equal(TestKeys.AccessKey, endpoint.AccessKey);
    }

    [Fact]
    public void FromConfiguration_ServiceUriWithManagedIdentityAndClientId_UsesManagedIdentityCredential()
    {
        var endpoint = SignalRServiceEndpoint.FromConfiguration(Config(
            ("AzureSignalRConnectionString:serviceUri", "https://fanout.service.signalr.net"),
            ("AzureSignalRConnectionString:credential", "managedidentity"),
            ("AzureSignalRConnectionString:clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.Null(endpoint.AccessKey);
        Assert.IsType<ManagedIdentityCredential>(endpoint.Credential);
        Assert.Equal("https://fanout.service.signalr.net/", endpoint.ServerEndpoint.AbsoluteUri);
        Assert.Equal(endpoint.ServerEndpoint, endpoint.ClientEndpoint);
    }

    [Fact]
    public void FromConfiguration_ServiceUriAlone_UsesDefaultAzureCredential()
    {
        var endpoint = SignalRServiceEndpoint.FromConfiguration(Config(("AzureSignalRConnectionString:serviceUri", "https://fanout.service.signalr.net")));

        Assert.IsType<DefaultAzureCredential>(endpoint.Credential);
    }

    [Fact]
    public void FromConfiguration_Missing_ThrowsNamingBothForms()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SignalRServiceEndpoint.FromConfiguration(Config()));

        Assert.Contains("AzureSignalRConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("__serviceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_ServiceUriNotHttp_Throws()
    {
        Assert.Throws<FormatException>(() => SignalRServiceEndpoint.FromConfiguration(Config(("AzureSignalRConnectionString:serviceUri", "not a url"))));
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
