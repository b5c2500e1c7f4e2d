using System.Text.Json.Serialization;

namespace FanOut.Core.Messages;

/// <summary>
/// What a client receives and what history returns: the published message plus its place in its
/// stream's history (<see cref="Offset"/>, 1-based, gapless, within <see cref="Epoch"/>). <see cref="Group"/>
/// names the stream: a group, <c>~hub</c> or <c>~user-{id}</c>. A message sent to several groups arrives
/// once per group with that group's offset and the same <see cref="Id"/>.
/// </summary>
public sealed record Envelope(
    string Id,
    string Hub,
    string Group,
    long Offset,
    string Epoch,
    string Event,
    RawJson Data,
    DateTimeOffset SentAt)
{
    /// <summary>Connections it was not sent to (clients recovering from history skip it too).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Except { get; init; }

    /// <summary>True in history when the message's large data was deleted after the payload retention period (data is then null).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool DataExpired { get; init; }

    /// <summary>Where large data is kept (history stores this reference instead of the data); never sent to clients.</summary>
    [JsonIgnore]
    public string? DataRef { get; init; }
}
