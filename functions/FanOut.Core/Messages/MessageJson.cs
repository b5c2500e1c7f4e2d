using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FanOut.Core.Messages;

/// <summary>
/// The one JSON shape of messages on the wire, in the queue and in history: camelCase, non-ASCII
/// left unescaped, and <c>data</c> written byte for byte as the publisher sent it (<see cref="RawJson"/>).
/// </summary>
public static class MessageJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static QueuedMessage DeserializeQueued(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<QueuedMessage>(utf8Json, Options)
        ?? throw new JsonException("The queue message is JSON null.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
