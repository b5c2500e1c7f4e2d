namespace FanOut.Testing.Telemetry;

/// <summary>
/// The fields of an exported span tests look at, read from an OTLP <c>ExportTraceServiceRequest</c>:
/// resource_spans(1) → scope_spans(2) → spans(2) → trace_id(1), span_id(2), parent_span_id(4), name(5), kind(6).
/// </summary>
public sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name, int Kind)
{
    public const int Server = 2;
    public const int Producer = 4;
    public const int Consumer = 5;

    public static IEnumerable<OtlpSpan> Read(byte[] request)
    {
        foreach (var resourceSpans in Fields(request, 1))
        {
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                foreach (var span in Fields(scopeSpans, 2))
                {
                    yield return FromSpan(span);
                }
            }
        }
    }

    private static OtlpSpan FromSpan(byte[] span)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var kind = 0;
        var position = 0;
        while (position < span.Length)
        {
            var (field, wireType) = Tag(span, ref position);
            if (wireType == 0)
            {
                var value = (int)Varint(span, ref position);
                if (field == 6)
                {
                    kind = value;
                }

                continue;
            }

            var bytes = Payload(span, ref position, wireType);
            switch (field)
            {
                case 1: traceId = Convert.ToHexStringLower(bytes); break;
                case 2: spanId = Convert.ToHexStringLower(bytes); break;
                case 4: parent = Convert.ToHexStringLower(bytes); break;
                case 5: name = System.Text.Encoding.UTF8.GetString(bytes); break;
            }
        }

        return new OtlpSpan(traceId, spanId, parent, name, kind);
    }

    /// <summary>The length-delimited values of <paramref name="wanted"/> in one message.</summary>
    private static List<byte[]> Fields(byte[] message, int wanted)
    {
        var position = 0;
        var found = new List<byte[]>();
        while (position < message.Length)
        {
            var (field, wireType) = Tag(message, ref position);
            if (wireType == 0)
            {
                Varint(message, ref position);
                continue;
            }

            var bytes = Payload(message, ref position, wireType);
            if (field == wanted && wireType == 2)
            {
                found.Add(bytes);
            }
        }

        return found;
    }

    private static (int Field, int WireType) Tag(byte[] message, ref int position)
    {
        var tag = Varint(message, ref position);
        return ((int)(tag >> 3), (int)(tag & 7));
    }

    private static byte[] Payload(byte[] message, ref int position, int wireType)
    {
        var length = wireType switch
        {
            1 => 8,
            2 => (int)Varint(message, ref position),
            5 => 4,
            _ => throw new InvalidDataException($"Unexpected protobuf wire type {wireType}."),
        };
        var bytes = message[position..(position + length)];
        position += length;
        return bytes;
    }

    private static ulong Varint(byte[] message, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
