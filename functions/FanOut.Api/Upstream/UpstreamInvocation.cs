using System.Text.Json;

namespace FanOut.Api.Upstream;

/// <summary>
/// A client invocation as the service forwards it: <c>{"type":1,"invocationId":...,"target":...,"arguments":[...]}</c>.
/// The first argument stays as the bytes the client sent, so published data is kept byte for byte.
/// </summary>
public sealed record UpstreamInvocation(string? InvocationId, string Target, ReadOnlyMemory<byte> Argument)
{
    public static UpstreamInvocation? Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body.Span);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? invocationId = null, target = null;
            ReadOnlyMemory<byte> argument = "null"u8.ToArray();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "invocationId" when reader.TokenType == JsonTokenType.String:
                        invocationId = reader.GetString();
                        break;
                    case "target" when reader.TokenType == JsonTokenType.String:
                        target = reader.GetString();
                        break;
                    case "arguments" when reader.TokenType == JsonTokenType.StartArray:
                        if (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            var start = (int)reader.TokenStartIndex;
                            reader.Skip();
                            argument = body[start..(int)reader.BytesConsumed];
                            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                            {
                                reader.Skip();
                            }
                        }

                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            return target is null ? null : new UpstreamInvocation(invocationId, target, argument);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
