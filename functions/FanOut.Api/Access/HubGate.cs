using FanOut.Core.Access;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace FanOut.Api.Access;

/// <summary>
/// The first step of every hub route: a valid hub name (400), a hub the settings know (404
/// <c>unknown_hub</c>), and a caller whose credential, if any, is valid (401).
/// </summary>
public sealed class HubGate(HubPolicies policies, CallerResolver callers)
{
    public async Task<HubEntry> EnterAsync(HttpContext context, string hub)
    {
        if (NameRules.CheckHub(hub) is { } invalid)
        {
            return HubEntry.Refused(invalid);
        }

        if (policies.Find(hub) is not { } policy)
        {
            return HubEntry.Refused(HubAccess.UnknownHub(NameRules.CanonicalHub(hub)));
        }

        var (caller, rejected) = await callers.ResolveAsync(context, policy);
        return caller is null ? HubEntry.Refused(rejected!) : new HubEntry(policy, caller, null);
    }
}
