using FanOut.Core.Access;
using FanOut.Core.Validation;

namespace FanOut.Api.Access;

/// <summary>The hub's policy and the caller, or why the request goes no further.</summary>
public sealed record HubEntry(HubPolicy? Policy, Caller? Caller, Rejection? Rejected)
{
    public static HubEntry Refused(Rejection rejection) => new(null, null, rejection);
}
