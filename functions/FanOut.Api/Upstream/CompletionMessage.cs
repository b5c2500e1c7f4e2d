using System.Text.Json;
using FanOut.Core.Messages;

namespace FanOut.Api.Upstream;

/// <summary>
/// The answer to an invocation, in the SignalR JSON hub protocol (<c>{"type":3,...}</c> and the 0x1E record
/// separator) as Azure SignalR Service expects it from an upstream: a result, or an error the client's
/// <c>invoke</c> rejects with. Errors read <c>code: detail</c> so a client can switch on the code.
/// </summary>
public static class CompletionMessage
{
    private const byte RecordSeparator = 0x1e;

    public static byte[] Result<T>(string? invocationId, T result) => Frame(writer =>
    {
        writer.WriteNumber("type", 3);
        WriteInvocationId(writer, invocationId);
        writer.WritePropertyName("result");
        JsonSerializer.Serialize(writer, result, MessageJson.Options);
    });

    public static byte[] Error(string? invocationId, string code, string detail) => Frame(writer =>
    {
        writer.WriteNumber("type", 3);
        WriteInvocationId(writer, invocationId);
        writer.WriteString("error", $"{code}: {detail}");
    });

    private static void WriteInvocationId(Utf8JsonWriter writer, string? invocationId)
    {
        if (invocationId is not null)
        {
            writer.WriteString("invocationId", invocationId);
        }
    }

    private static byte[] Frame(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = MessageJson.Options.Encoder }))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        buffer.WriteByte(RecordSeparator);
        return buffer.ToArray();
    }
}
