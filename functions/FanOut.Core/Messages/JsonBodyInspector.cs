using System.Text.Json;
using System.Text.Unicode;
using FanOut.Core.Validation;

namespace FanOut.Core.Messages;

/// <summary>
/// Decides whether bytes are JSON that every stage can carry: strict UTF-8, no escaped lone
/// surrogates (<c>"\ud800"</c> parses, but no UTF-16 string, SignalR frame or browser can hold it),
/// one value, objects and arrays nested at most <see cref="MaxDepth"/> levels. Refusing these at
/// publish is what keeps one message from breaking its group's broadcast or history later.
/// </summary>
public static class JsonBodyInspector
{
    /// <summary>The deepest nesting of objects and arrays a body may have (the body object itself is level 1).</summary>
    public const int MaxDepth = 32;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth + 1 };

    public static Rejection? Check(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
        {
            return new Rejection(RejectionCodes.InvalidEncoding, "The body is not valid UTF-8.");
        }

        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray when reader.CurrentDepth >= MaxDepth:
                        return new Rejection(RejectionCodes.TooDeep, $"The body nests objects and arrays deeper than {MaxDepth} levels.");
                    case JsonTokenType.String or JsonTokenType.PropertyName when reader.ValueIsEscaped && !HasWholeCharacters(ref reader):
                        return new Rejection(RejectionCodes.InvalidEncoding, "The body escapes a lone UTF-16 surrogate (like \\ud800); strings must hold whole characters.");
                }
            }
        }
        catch (JsonException ex)
        {
            return new Rejection(RejectionCodes.MalformedJson, $"The body is not one JSON value: {ex.Message}");
        }

        return reader.BytesConsumed == 0
            ? new Rejection(RejectionCodes.MalformedJson, "The body is empty; send one JSON value.")
            : null;
    }

    private static bool HasWholeCharacters(ref Utf8JsonReader reader)
    {
        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
