namespace FanOut.Core;

/// <summary>
/// The names both hosts and the Bicep template share. infra/main.bicep mirrors them and
/// a test keeps the two equal.
/// </summary>
public static class FanOutNames
{
    /// <summary>The Storage queue HTTP publishes into and the delivery trigger reads.</summary>
    public const string DeliveryQueue = "fanout-deliveries";

    /// <summary>Where the Functions host (and the local listener) moves a message after maxDequeueCount failures.</summary>
    public const string PoisonQueue = DeliveryQueue + "-poison";

    /// <summary>The table holding every group's message history and offset counter.</summary>
    public const string HistoryTable = "FanOutHistory";

    /// <summary>The table remembering Idempotency-Keys and the message each one was given.</summary>
    public const string IdempotencyTable = "FanOutIdempotency";

    /// <summary>The table of live connections and group members, for presence.</summary>
    public const string PresenceTable = "FanOutPresence";

    /// <summary>The blob container holding data too large for a queue message (the claim check).</summary>
    public const string PayloadContainer = "fanout-payloads";

    /// <summary>App setting (connection) for Storage: the Functions host's own storage.</summary>
    public const string StorageConnection = "AzureWebJobsStorage";

    /// <summary>App setting (connection) for Azure SignalR Service.</summary>
    public const string SignalRConnection = "AzureSignalRConnectionString";
}
