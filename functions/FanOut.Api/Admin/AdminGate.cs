using FanOut.Core.Access;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace FanOut.Api.Admin;

/// <summary>The admin routes' check: <c>Authorization: Bearer &lt;key&gt;</c> with one of the configured admin keys (401 otherwise).</summary>
public sealed class AdminGate(IOptionsMonitor<AdminOptions> options)
{
    public Rejection? Check(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header[7..].Trim() is not { Length: > 0 } key)
        {
            return new Rejection(RejectionCodes.Unauthorized, "The admin API needs 'Authorization: Bearer <admin key>'.");
        }

        var keys = options.CurrentValue.Keys;
        return keys.Count > 0 && PublisherKeys.Match(keys, key) is not null
            ? null
            : new Rejection(RejectionCodes.Unauthorized, "The bearer key is not one of the admin keys (FanOut__Admin__Keys__{name}).");
    }
}
