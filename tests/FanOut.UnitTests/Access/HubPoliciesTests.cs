using FanOut.Core.Access;
using Microsoft.Extensions.Options;

namespace FanOut.UnitTests.Access;

public class HubPoliciesTests
{
    private static HubPolicies Policies(params (string Name, string? Pattern)[] entries)
    {
        var options = new FanOutAccessOptions();
        foreach (var (name, pattern) in entries)
        {
            options.Hubs[name] = new HubPolicyOptions { Pattern = pattern };
        }

        return new HubPolicies(new StaticMonitor(options));
    }

    [Theory]
    [InlineData("chat", "chat")]
    [InlineData("Chat", "chat")]
    [InlineData("tenant_acme", "tenants")]
    [InlineData("tenant_vip", "tenant_vip")]
    [InlineData("tenant_eu_acme", "eu")]
    public void Find_PrefersTheExactEntry_ThenTheMostSpecificPattern(string hub, string entry)
    {
        var policies = Policies(("chat", null), ("tenants", "tenant_*"), ("eu", "tenant_eu_*"), ("tenant_vip", null));

        var policy = policies.Find(hub);

        Assert.Equal(entry, policy?.EntryName);
        Assert.Equal(hub.ToLowerInvariant(), policy?.Hub);
    }

    [Fact]
    public void Find_AnUnconfiguredHub_IsNull() => Assert.Null(Policies(("chat", null)).Find("other"));

    [Theory]
    [InlineData("room-*", "room-1", true)]
    [InlineData("room-*", "room-", true)]
    [InlineData("room-*", "lobby", false)]
    [InlineData("*-admin", "ops-admin", true)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyy", false)]
    [InlineData("*", "anything", true)]
    [InlineData("exact", "EXACT", true)]
    public void Wildcard_MatchesStarsOnly(string pattern, string value, bool matches) =>
        Assert.Equal(matches, Wildcard.IsMatch(pattern, value));

    private sealed class StaticMonitor(FanOutAccessOptions value) : IOptionsMonitor<FanOutAccessOptions>
    {
        public FanOutAccessOptions CurrentValue => value;

        public FanOutAccessOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<FanOutAccessOptions, string?> listener) => null;
    }
}
