using System.Buffers;
using System.Text.Json;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace FanOut.Api.Publishing;

/// <summary>
/// Reads a JSON request body without ever holding more than the limit: a declared
/// Content-Length over the limit is refused before a byte is read, and a chunked body is cut
/// off as soon as it passes the limit.
/// </summary>
public static class JsonBodyReader
{
    public static async Task<(JsonElement Root, Rejection? Rejected)> ReadAsync(
        HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            return (default, new Rejection(RejectionCodes.UnsupportedMediaType, "Send the body as application/json."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (default, TooLarge(maxBytes));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            var length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length, maxBytes + 1 - length), cancellationToken)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    return (default, TooLarge(maxBytes));
                }
            }

            return (Parse(buffer.AsSpan(0, length)), null);
        }
        catch (JsonException ex)
        {
            return (default, new Rejection(RejectionCodes.MalformedJson, $"The body is not valid JSON: {ex.Message}"));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses exactly one JSON value into an element that owns its bytes (the pooled buffer goes back).</summary>
    private static JsonElement Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        var root = JsonElement.ParseValue(ref reader);
        return reader.Read() ? throw new JsonException("Unexpected content after the JSON value.") : root;
    }

    private static Rejection TooLarge(int maxBytes) =>
        new(RejectionCodes.PayloadTooLarge, $"The body is limited to {maxBytes} bytes so that a message fits one queue message.");

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}
