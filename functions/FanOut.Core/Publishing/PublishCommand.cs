using System.Text.Json;

namespace FanOut.Core.Publishing;

/// <summary>A publish request as the HTTP layer parsed it: route names plus the body's <c>event</c> and <c>data</c>.</summary>
public sealed record PublishCommand(string Hub, string Group, string? Event, JsonElement Data);
