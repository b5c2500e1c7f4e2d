namespace FanOut.Core.Access;

/// <summary>A hub's limits; unset values fall back to the service-wide <c>FanOut__*</c> settings.</summary>
public sealed class HubLimitsOptions
{
    /// <summary>The largest publish body, in bytes.</summary>
    public int? MaxBodyBytes { get; set; }

    /// <summary>Publishes per minute per publisher key or user (0: no limit). Over it: 429 with Retry-After.</summary>
    public int PublishesPerMinute { get; set; }

    /// <summary>
    /// How long history keeps a message (d.hh:mm:ss; unset: for good). Older messages are no longer read and are
    /// deleted as the group gets new ones; a client whose gap reaches past it recovers with <c>recovered: false</c>.
    /// </summary>
    public TimeSpan? HistoryRetention { get; set; }
}
