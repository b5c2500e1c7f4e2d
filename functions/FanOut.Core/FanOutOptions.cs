using System.ComponentModel.DataAnnotations;

namespace FanOut.Core;

/// <summary>Service limits, bound from the <c>FanOut</c> configuration section (<c>FanOut__*</c> app settings).</summary>
public sealed class FanOutOptions
{
    public const string Section = "FanOut";

    /// <summary>
    /// The largest publish (and webhook) body accepted, in bytes: up to 1,000,000, so that the envelope around
    /// it stays within the 1 MiB Azure SignalR accepts for one message. Data over <see cref="MaxQueuedBodyBytes"/>
    /// travels through Blob storage (a claim check) instead of inside the queue message.
    /// </summary>
    [Range(1, MaxMessageBytes)]
    public int MaxBodyBytes { get; set; } = MaxMessageBytes;

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

    /// <summary>47 KiB: the largest data that still fits one base64-encoded queue message (64 KiB of text) with its envelope.</summary>
    public const int MaxQueuedBodyBytes = 47 * 1024;

    /// <summary>The largest body at all: 1,000,000 bytes, leaving room for the envelope within 1 MiB.</summary>
    public const int MaxMessageBytes = 1_000_000;
}
