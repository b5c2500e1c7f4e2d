namespace FanOut.Core.Access;

/// <summary>A hub's limits; unset values fall back to the service-wide <c>FanOut__*</c> settings.</summary>
public sealed class HubLimitsOptions
{
    /// <summary>The largest publish body, in bytes.</summary>
    public int? MaxBodyBytes { get; set; }

    /// <summary>Publishes per minute per publisher key or user (0: no limit). Over it: 429 with Retry-After.</summary>
    public int PublishesPerMinute { get; set; }
}
