using FanOut.Core.Messages;

namespace FanOut.Core.Publishing;

/// <summary>A publish request as the HTTP layer read it: route names, the body's <c>event</c> and <c>data</c>, and the optional <c>Idempotency-Key</c>.</summary>
public sealed record PublishCommand(string Hub, string Group, string? Event, RawJson Data, string? IdempotencyKey = null);
