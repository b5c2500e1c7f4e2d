using System.Threading.RateLimiting;
using FanOut.Core.Access;
using FanOut.Core.Validation;

namespace FanOut.Api.Access;

/// <summary>
/// Publishes per minute per publisher key or user, per hub (<see cref="HubLimitsOptions.PublishesPerMinute"/>):
/// a token bucket that refills every second, so a burst up to the minute's allowance passes and a
/// sustained rate above it is refused with 429 and when to retry. Counted in this process (each
/// instance on Azure counts its own).
/// </summary>
public sealed class PublishRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<(string Hub, string Who, int PerMinute)> _limiter =
        PartitionedRateLimiter.Create<(string Hub, string Who, int PerMinute), (string, string, int)>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key, k => new TokenBucketRateLimiterOptions
            {
                TokenLimit = k.PerMinute,
                TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(k.PerMinute / 60.0)),
                ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1, 60.0 / k.PerMinute)),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    public Rejection? TryAcquire(HubPolicy policy, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(caller);
        var perMinute = policy.Options.Limits.PublishesPerMinute;
        var who = caller.KeyName is { } key ? "key:" + key : "user:" + caller.UserId;
        if (perMinute <= 0)
        {
            return null;
        }

        using var lease = _limiter.AttemptAcquire((policy.Hub, who, perMinute));
        if (lease.IsAcquired)
        {
            return null;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return new Rejection(RejectionCodes.RateLimited, $"More than {perMinute} publishes a minute; retry in {Math.Ceiling(retryAfter.TotalSeconds)} s.")
        {
            RetryAfter = retryAfter,
        };
    }

    public void Dispose() => _limiter.Dispose();
}
