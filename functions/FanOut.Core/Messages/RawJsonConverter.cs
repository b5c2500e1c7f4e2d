using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FanOut.Core.Messages;

/// <summary>Reads a JSON value as its original bytes and writes them back unchanged.</summary>
public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override bool HandleNull => true;

    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var element = JsonElement.ParseValue(ref reader);
        return RawJson.FromTrustedUtf8(JsonMarshal.GetRawUtf8Value(element).ToArray());
    }

    public override void Write(Utf8JsonWriter writer, RawJson? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue((value ?? RawJson.Null).Utf8.Span, skipInputValidation: true);
    }
}
