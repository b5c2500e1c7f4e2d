using System.Text.Json;
using FanOut.Core.Messages;
using FanOut.Core.Validation;

namespace FanOut.Core.Publishing;

/// <summary>
/// The publish body <c>{"event": "...", "data": &lt;any JSON&gt;}</c>, optionally with targets
/// (<c>"groups": [...]</c> or <c>"user": "..."</c>; neither: the route's group, or the whole hub) and
/// <c>"except": [connection ids]</c>, read from bytes that passed <see cref="JsonBodyInspector"/>. <c>data</c> is
/// a slice of the body: the publisher's bytes, unchanged.
/// </summary>
public sealed record PublishBody(string? Event, RawJson Data)
{
    public IReadOnlyList<string>? Groups { get; init; }

    public string? User { get; init; }

    public IReadOnlyList<string>? Except { get; init; }

    public static (PublishBody? Body, Rejection? Rejected) Parse(ReadOnlyMemory<byte> utf8)
    {
        if (JsonBodyInspector.Check(utf8.Span) is { } invalid)
        {
            return (null, invalid);
        }

        var reader = new Utf8JsonReader(utf8.Span);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return (null, NotAnObject);
        }

        string? eventName = null, user = null;
        RawJson? data = null;
        List<string>? groups = null, except = null;
        var hasEvent = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            switch (name)
            {
                case "event" when hasEvent:
                case "data" when data is not null:
                    return (null, new Rejection(RejectionCodes.MalformedJson, $"The body has \"{name}\" twice."));
                case "event":
                    hasEvent = true;
                    eventName = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    break;
                case "data":
                    data = RawJson.FromTrustedUtf8(utf8[start..(int)reader.BytesConsumed]);
                    break;
                case "groups" or "except":
                    if (Strings(utf8[start..(int)reader.BytesConsumed]) is not { } list)
                    {
                        return (null, new Rejection(RejectionCodes.MalformedJson, $"\"{name}\" is an array of strings."));
                    }

                    if (name == "groups")
                    {
                        groups = list;
                    }
                    else
                    {
                        except = list;
                    }

                    break;
                case "user":
                    user = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    if (user is null)
                    {
                        return (null, new Rejection(RejectionCodes.MalformedJson, "\"user\" is a string."));
                    }

                    break;
            }
        }

        return (new PublishBody(eventName, data ?? RawJson.Null) { Groups = groups, User = user, Except = except }, null);
    }

    private static List<string>? Strings(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Array && document.RootElement.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
            ? [.. document.RootElement.EnumerateArray().Select(e => e.GetString()!)]
            : null;
    }

    private static Rejection NotAnObject =>
        new(RejectionCodes.MalformedJson, "The body is a JSON object: {\"event\": \"...\", \"data\": ...}.");
}
