using System.Text.Json;
using System.Xml.Linq;
using Azure;

namespace FanOut.Storage.Pipeline;

/// <summary>Turns a failed storage response into Azure.Core's <see cref="RequestFailedException"/> with the service's error code.</summary>
internal static class StorageErrors
{
    public static Response EnsureSuccess(Response response) =>
        response.Status is >= 200 and < 300 ? response : throw Create(response);

    public static RequestFailedException Create(Response response)
    {
        var (code, message) = Parse(response);
        return new RequestFailedException(
            response.Status,
            $"Storage request failed with {response.Status} ({code ?? response.ReasonPhrase}): {message}",
            code,
            null);
    }

    public static (string? Code, string? Message) Parse(Response response)
    {
        var headerCode = response.Headers.TryGetValue("x-ms-error-code", out var value) ? value : null;
        var body = response.Content?.ToString() ?? string.Empty;
        var (bodyCode, message) = ParseBody(body);
        return (headerCode ?? bodyCode, message ?? body);
    }

    /// <summary>Reads <c>{"odata.error":{"code","message":{"value"}}}</c> (Table) or <c>&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;</c> (Queue).</summary>
    public static (string? Code, string? Message) ParseBody(string body)
    {
        var trimmed = body.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        try
        {
            if (trimmed.StartsWith('{'))
            {
                using var document = JsonDocument.Parse(trimmed);
                if (document.RootElement.TryGetProperty("odata.error", out var error))
                {
                    var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                    var message = error.TryGetProperty("message", out var m)
                        ? m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString()
                        : null;
                    return (code, message);
                }
            }
            else if (trimmed.StartsWith('<'))
            {
                var root = XDocument.Parse(trimmed).Root;
                return (root?.Element("Code")?.Value, root?.Element("Message")?.Value);
            }
        }
        catch (Exception ex) when (ex is JsonException or System.Xml.XmlException)
        {
            // Not a storage error body; the caller falls back to the raw text.
        }

        return (null, null);
    }
}
