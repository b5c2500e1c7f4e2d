using Azure.Identity;
using FanOut.Storage.Connections;
using Microsoft.Extensions.Configuration;

namespace FanOut.UnitTests.Storage;

public sealed class StorageConnectionResolverTests
{
    private const string Name = "AzureWebJobsStorage";

    [Fact]
    public void Resolve_UseDevelopmentStorage_GivesDevAccountOnDefaultAzuritePorts()
    {
        var endpoints = StorageConnectionResolver.Resolve(Config(new() { [Name] = "UseDevelopmentStorage=true" }), Name);

        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), endpoints.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), endpoints.TableEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), endpoints.BlobEndpoint);
        Assert.Equal("devstoreaccount1", endpoints.SharedKey?.AccountName);
        Assert.Null(endpoints.Credential);
    }

    [Fact]
    public void Resolve_AccountConnectionString_BuildsEndpointsFromProtocolAccountAndSuffix()
    {
        var endpoints = StorageConnectionResolver.Resolve(Config(new()
        {
            [Name] = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + DevelopmentStorage.AccountKey + ";EndpointSuffix=core.chinacloudapi.cn",
        }), Name);

        Assert.Equal(new Uri("https://acct.queue.core.chinacloudapi.cn"), endpoints.QueueEndpoint);
        Assert.Equal(new Uri("https://acct.table.core.chinacloudapi.cn"), endpoints.TableEndpoint);
        Assert.Equal("acct", endpoints.SharedKey?.AccountName);
    }

    [Fact]
    public void Resolve_ConnectionStringWithExplicitEndpoints_UsesThem()
    {
        var endpoints = StorageConnectionResolver.Resolve(Config(new()
        {
            [Name] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + DevelopmentStorage.AccountKey +
                     ";QueueEndpoint=http://127.0.0.1:5001/devstoreaccount1/;TableEndpoint=http://127.0.0.1:5002/devstoreaccount1;",
        }), Name);

        Assert.Equal(new Uri("http://127.0.0.1:5001/devstoreaccount1"), endpoints.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:5002/devstoreaccount1"), endpoints.TableEndpoint);
        Assert.Equal(new Uri("http://devstoreaccount1.blob.core.windows.net"), endpoints.BlobEndpoint);
    }

    [Fact]
    public void Resolve_IdentitySettingsWithManagedIdentity_UsesServiceUrisAndManagedIdentityCredential()
    {
        var endpoints = StorageConnectionResolver.Resolve(Config(new()
        {
            [Name + ":queueServiceUri"] = "https://acct.queue.core.windows.net/",
            [Name + ":tableServiceUri"] = "https://acct.table.core.windows.net",
            [Name + ":credential"] = "managedidentity",
            [Name + ":clientId"] = "00000000-0000-0000-0000-000000000001",
        }), Name);

        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), endpoints.QueueEndpoint);
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), endpoints.TableEndpoint);
        Assert.Null(endpoints.SharedKey);
        Assert.IsType<ManagedIdentityCredential>(endpoints.Credential);
    }

    [Fact]
    public void Resolve_IdentitySettingsWithAccountNameOnly_DerivesUrisAndUsesDefaultCredential()
    {
        var endpoints = StorageConnectionResolver.Resolve(Config(new() { [Name + ":accountName"] = "acct" }), Name);

        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), endpoints.QueueEndpoint);
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), endpoints.TableEndpoint);
        Assert.IsType<DefaultAzureCredential>(endpoints.Credential);
    }

    [Fact]
    public void Resolve_ShortConnectionName_FallsBackToAzureWebJobsPrefixedSetting()
    {
        var endpoints = StorageConnectionResolver.Resolve(Config(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }), "Storage");

        Assert.Equal("devstoreaccount1", endpoints.SharedKey?.AccountName);
    }

    [Fact]
    public void Resolve_WhenNothingConfigured_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageConnectionResolver.Resolve(Config([]), Name));

        Assert.Contains("'AzureWebJobsStorage'", error.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__queueServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ConnectionStringWithoutKey_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => ConnectionStringParser.Parse("AccountName=acct;SharedAccessSignature=sv=x"));
    }

    [Fact]
    public void GetTable_WhenIdentityConnectionHasNoTableEndpoint_ThrowsNamingTheSetting()
    {
        var account = StorageAccount.FromConfiguration(Config(new() { [Name + ":queueServiceUri"] = "https://acct.queue.core.windows.net" }), Name);

        var error = Assert.Throws<InvalidOperationException>(() => account.GetTable("t"));

        Assert.Contains("AzureWebJobsStorage__tableServiceUri", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Config(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
