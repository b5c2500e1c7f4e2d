namespace FanOut.Storage.Queues;

/// <summary>What the queue service answers to a put: the new message's id and pop receipt, and when it becomes visible.</summary>
public sealed record SentMessage(string MessageId, string PopReceipt, DateTimeOffset InsertedOn, DateTimeOffset NextVisibleOn);
