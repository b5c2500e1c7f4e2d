namespace FanOut.Storage.Queues;

/// <summary>A message taken from a queue: invisible to others until <see cref="NextVisibleOn"/>; delete it with its pop receipt.</summary>
public sealed record ReceivedMessage(
    string MessageId,
    string PopReceipt,
    string Text,
    long DequeueCount,
    DateTimeOffset InsertedOn,
    DateTimeOffset NextVisibleOn);
