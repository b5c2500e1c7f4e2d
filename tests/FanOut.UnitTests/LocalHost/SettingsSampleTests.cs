using System.Globalization;
using FanOut.Api;
using FanOut.Core;
using FanOut.LocalHost.Settings;
using FanOut.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FanOut.UnitTests.LocalHost;

/// <summary>The committed settings sample and host.json say what the code reads, with the code's defaults.</summary>
public class SettingsSampleTests
{
    private static readonly string Root = RepositoryRoot.Find(AppContext.BaseDirectory);
    private static readonly Dictionary<string, string?> Sample =
        LocalSettingsFile.Read(Path.Combine(Root, LocalSettingsFile.SampleFileName));

    public static TheoryData<string, string> OptionsSettings()
    {
        var data = new TheoryData<string, string>();
        foreach (var property in typeof(FanOutOptions).GetProperties().Where(p => p.CanWrite))
        {
            data.Add($"{FanOutOptions.Section}:{property.Name}", Convert.ToString(property.GetValue(new FanOutOptions()), CultureInfo.InvariantCulture)!);
        }

        data.Add($"{LocalHostOptions.Section}:{nameof(LocalHostOptions.StartAzurite)}", "true");
        data.Add($"{LocalHostOptions.Section}:{nameof(LocalHostOptions.AzuriteDataPath)}", new LocalHostOptions().AzuriteDataPath);
        return data;
    }

    [Theory]
    [MemberData(nameof(OptionsSettings))]
    public void Sample_DeclaresEveryOption_WithTheCodesDefault(string key, string codeDefault)
    {
        Assert.True(Sample.ContainsKey(key), $"local.settings.sample.json does not declare {key.Replace(":", "__", StringComparison.Ordinal)}");
        Assert.Equal(codeDefault, Sample[key], ignoreCase: true);
    }

    [Theory]
    [InlineData(FanOutNames.StorageConnection, "UseDevelopmentStorage=true")]
    [InlineData("FUNCTIONS_WORKER_RUNTIME", "dotnet-isolated")]
    public void Sample_DeclaresTheFunctionsSettings(string key, string value) => Assert.Equal(value, Sample[key]);

    [Fact]
    public void Sample_PointsSignalRAtTheStandInsOwnPort() =>
        Assert.StartsWith("Endpoint=http://localhost:8888;AccessKey=", Sample[FanOutNames.SignalRConnection], StringComparison.Ordinal);

    [Fact]
    public void Sample_KeepsTheHostSection() => Assert.Equal("7071", Sample["Host:LocalHttpPort"]);

    [Fact]
    public void HostJson_QueueSettings_BindToTheListenersOptions()
    {
        var options = new ServiceCollection()
            .AddQueueTriggerOptionsFromHostJson(Path.Combine(Root, "host.json"))
            .BuildServiceProvider()
            .GetRequiredService<IOptions<QueueTriggerOptions>>().Value;

        Assert.Equal(16, options.BatchSize);
        Assert.Equal(8, options.EffectiveNewBatchThreshold);
        Assert.Equal(TimeSpan.FromSeconds(2), options.MaxPollingInterval);
        Assert.Equal(5, options.MaxDequeueCount);
        Assert.True(options.UsesBase64);
    }

    [Fact]
    public void HostJson_WhenMissing_LeavesTheFunctionsHostDefaults()
    {
        var options = new ServiceCollection()
            .AddQueueTriggerOptionsFromHostJson(Path.Combine(Root, "no-such-host.json"))
            .BuildServiceProvider()
            .GetRequiredService<IOptions<QueueTriggerOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(1), options.MaxPollingInterval);
        Assert.Equal(TimeSpan.Zero, options.VisibilityTimeout);
    }
}
