using FanOut.Api.Problems;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace FanOut.Api.Publishing;

/// <summary>
/// Reads a UTF-8 JSON request body without ever holding more than the limit: a declared
/// Content-Length over the limit is refused before a byte is read, and a chunked body is cut off as
/// soon as it passes the limit. A body that cannot be read (bad framing, too slow) is refused with
/// its own code; nothing is parsed here (see <see cref="Core.Messages.JsonBodyInspector"/>).
/// </summary>
public static class JsonBodyReader
{
    public static async Task<(ReadOnlyMemory<byte> Body, Rejection? Rejected)> ReadAsync(
        HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (CheckMediaType(request.ContentType) is { } unsupported)
        {
            return (default, unsupported);
        }

        if (request.ContentLength > maxBytes)
        {
            return (default, TooLarge(maxBytes));
        }

        var buffer = new byte[Math.Min(maxBytes + 1, (int?)request.ContentLength + 1 ?? 16 * 1024)];
        var length = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    return (default, TooLarge(maxBytes));
                }

                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, Math.Min(maxBytes + 1, buffer.Length * 2));
                }
            }
        }
        catch (BadHttpRequestException ex)
        {
            return (default, FailureMapping.TryMap(ex, cancellationToken));
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            return (default, new Rejection(RejectionCodes.UnreadableBody, "The request body could not be read; nothing was accepted."));
        }

        return (buffer.AsMemory(0, length), null);
    }

    private static Rejection TooLarge(int maxBytes) =>
        new(RejectionCodes.PayloadTooLarge, $"The body is limited to {maxBytes} bytes.");

    /// <summary>JSON only (<c>application/json</c> or <c>+json</c>), and UTF-8: a charset other than utf-8 is refused.</summary>
    private static Rejection? CheckMediaType(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return new Rejection(RejectionCodes.UnsupportedMediaType, "Send the body as application/json.");
        }

        var type = mediaType.MediaType.Value ?? string.Empty;
        if (!type.Equals("application/json", StringComparison.OrdinalIgnoreCase) && !type.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return new Rejection(RejectionCodes.UnsupportedMediaType, "Send the body as application/json.");
        }

        return mediaType.Charset.HasValue && !mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            ? new Rejection(RejectionCodes.UnsupportedMediaType, $"JSON is UTF-8; charset '{mediaType.Charset}' is not accepted.")
            : null;
    }
}
