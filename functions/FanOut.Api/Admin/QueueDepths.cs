namespace FanOut.Api.Admin;

/// <summary>Approximate message counts of the delivery queue and its poison queue (null when Storage did not answer).</summary>
public sealed record QueueDepths(long? Depth, long? Poison, string? Error);
