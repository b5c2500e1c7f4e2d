using FanOut.Core.Validation;
using Microsoft.Extensions.Options;

namespace FanOut.Core.Access;

/// <summary>
/// Finds a hub's rules: the entry named like the hub, else the entry whose <see cref="HubPolicyOptions.Pattern"/>
/// matches (the most specific pattern: most literal characters, then entry name). A hub no entry covers
/// is unknown: nobody may use it.
/// </summary>
public sealed class HubPolicies(IOptionsMonitor<FanOutAccessOptions> options)
{
    public HubPolicy? Find(string hub)
    {
        var canonical = NameRules.CanonicalHub(hub);
        var entries = options.CurrentValue.Hubs;
        foreach (var (name, policy) in entries)
        {
            if (policy.Pattern is null && string.Equals(name, canonical, StringComparison.OrdinalIgnoreCase))
            {
                return new HubPolicy(canonical, name, policy);
            }
        }

        return entries
            .Where(e => e.Value.Pattern is { } pattern && Wildcard.IsMatch(pattern, canonical))
            .OrderByDescending(e => e.Value.Pattern!.Count(c => c != '*'))
            .ThenBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => new HubPolicy(canonical, e.Key, e.Value))
            .FirstOrDefault();
    }
}
