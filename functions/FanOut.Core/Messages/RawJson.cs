using System.Text;
using System.Text.Json.Serialization;

namespace FanOut.Core.Messages;

/// <summary>
/// A JSON value kept as the exact UTF-8 bytes the publisher sent. It is stored, queued, broadcast
/// and returned byte for byte: re-encoding would change spacing and escape every non-ASCII character.
/// Only bodies that passed <see cref="JsonBodyInspector"/> become a <see cref="RawJson"/>.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed class RawJson
{
    public static readonly RawJson Null = new("null"u8.ToArray());

    private RawJson(ReadOnlyMemory<byte> utf8) => Utf8 = utf8;

    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary>Wraps bytes known to hold exactly one valid JSON value.</summary>
    public static RawJson FromTrustedUtf8(ReadOnlyMemory<byte> utf8) => utf8.IsEmpty ? Null : new RawJson(utf8);

    public override string ToString() => Encoding.UTF8.GetString(Utf8.Span);
}
