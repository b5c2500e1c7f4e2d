using System.Text.Json;
using System.Text.Unicode;

namespace FanOut.Core.Webhooks;

/// <summary>
/// The few top-level string members of a webhook body a verifier needs (<c>type</c>, <c>id</c>,
/// <c>action</c>), read in one forward pass over the bytes without building a document; nested
/// values are skipped. A body that is not exactly one JSON object in valid UTF-8 (not JSON, an array,
/// trailing text, nesting deeper than 64) is <see cref="IsObject"/> false and has no members.
/// </summary>
internal sealed class WebhookBody
{
    private readonly Dictionary<string, string> _strings;

    private WebhookBody(bool isObject, Dictionary<string, string> strings)
    {
        IsObject = isObject;
        _strings = strings;
    }

    /// <summary>True when the body is exactly one JSON object.</summary>
    public bool IsObject { get; }

    /// <summary>The member's value when it is a string; null when it is absent or anything else. The last of duplicates wins, as in JavaScript.</summary>
    public string? StringMember(string name) => _strings.GetValueOrDefault(name);

    /// <summary>Reads the string members called <paramref name="names"/>; never throws on malformed input.</summary>
    public static WebhookBody Read(ReadOnlySpan<byte> utf8, params ReadOnlySpan<string> names)
    {
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        var isObject = Utf8.IsValid(utf8) && TryRead(utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8, names, strings);
        if (!isObject)
        {
            strings.Clear();
        }

        return new(isObject, strings);
    }

    private static bool TryRead(ReadOnlySpan<byte> utf8, ReadOnlySpan<string> names, Dictionary<string, string> strings)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, isFinalBlock: true, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var wanted = WantedName(ref reader, names);
                reader.Read();
                if (wanted is not null)
                {
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        strings[wanted] = reader.GetString()!;
                    }
                    else
                    {
                        strings.Remove(wanted);
                    }
                }

                reader.Skip();
            }

            // Only whitespace may follow the object: the reader throws on anything else.
            return !reader.Read();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Malformed JSON, or a string with invalid UTF-8/UTF-16 escapes.
            return false;
        }
    }

    private static string? WantedName(ref Utf8JsonReader reader, ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (reader.ValueTextEquals(name))
            {
                return name;
            }
        }

        return null;
    }
}
