using System.ComponentModel.DataAnnotations;

namespace FanOut.Core;

/// <summary>Service limits, bound from the <c>FanOut</c> configuration section (<c>FanOut__*</c> app settings).</summary>
public sealed class FanOutOptions
{
    public const string Section = "FanOut";

    /// <summary>
    /// The largest publish body accepted, in bytes. A queue message holds at most 64 KiB of
    /// base64 text, i.e. 48 KiB of JSON; 47 KiB leaves room for the envelope's own fields.
    /// </summary>
    [Range(1, MaxQueuedBodyBytes)]
    public int MaxBodyBytes { get; set; } = MaxQueuedBodyBytes;

    /// <summary>History page size when a client gives no <c>limit</c>.</summary>
    [Range(1, 1000)]
    public int DefaultPageSize { get; set; } = 100;

    /// <summary>The largest <c>limit</c> a history query may ask for.</summary>
    [Range(1, 1000)]
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>How long an Idempotency-Key is remembered (<c>FanOut__IdempotencyWindow</c>, e.g. <c>1.00:00:00</c>).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often presence is checked against the SignalR service for disconnects that never arrived.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PresenceSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>47 KiB: the largest body that still fits one base64-encoded queue message.</summary>
    public const int MaxQueuedBodyBytes = 47 * 1024;
}
