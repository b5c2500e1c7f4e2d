namespace FanOut.Storage.Queues;

/// <summary>
/// The Functions queue-trigger settings, read from <c>extensions.queues</c> in the root host.json
/// so the local listener, the sender and the Azure Functions host all follow one file.
/// Defaults are the Functions host's own.
/// </summary>
public sealed class QueueTriggerOptions
{
    /// <summary>The host.json path of these settings.</summary>
    public const string HostJsonSection = "extensions:queues";

    /// <summary>Messages fetched per receive (1-32).</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>Fetch the next batch when this few messages are still being processed (default BatchSize / 2).</summary>
    public int? NewBatchThreshold { get; set; }

    /// <summary>The longest pause between polls of an empty queue.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a failed message stays invisible before its retry.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>Attempts before a message moves to the <c>-poison</c> queue.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary><c>base64</c> (the default) or <c>none</c>.</summary>
    public string MessageEncoding { get; set; } = "base64";

    public bool UsesBase64 => !string.Equals(MessageEncoding, "none", StringComparison.OrdinalIgnoreCase);

    public int EffectiveNewBatchThreshold => NewBatchThreshold ?? Math.Max(1, BatchSize / 2);
}
