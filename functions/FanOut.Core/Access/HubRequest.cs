namespace FanOut.Core.Access;

/// <summary>What a <see cref="HubRule"/> is asked about.</summary>
public sealed record HubRequest(HubOperation Operation, string Hub, string? Group, Caller Caller);
