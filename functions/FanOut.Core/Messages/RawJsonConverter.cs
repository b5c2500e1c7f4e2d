using System.Text.Json;
using System.Text.Json.Serialization;

namespace FanOut.Core.Messages;

/// <summary>
/// Writes a <see cref="JsonElement"/> as the exact text it was parsed from. Re-encoding would
/// escape every non-ASCII character (an emoji becomes 12 bytes), breaking the size budget that
/// lets a message fit one queue message.
/// </summary>
public sealed class RawJsonConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.Clone();
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteRawValue(value.GetRawText(), skipInputValidation: true);
    }
}
