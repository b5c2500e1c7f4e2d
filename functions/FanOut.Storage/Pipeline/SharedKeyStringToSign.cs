using System.Globalization;
using System.Text;

namespace FanOut.Storage.Pipeline;

/// <summary>
/// The Shared Key strings-to-sign of the Queue and Table services, as Azure Storage (and Azurite)
/// compute them. The resource is <c>/{account}{raw path}</c>: with path-style URLs (Azurite) the
/// account appears twice.
/// </summary>
internal static class SharedKeyStringToSign
{
    private static readonly string[] QueueStandardHeaders =
    [
        "Content-Encoding", "Content-Language", "Content-Length", "Content-MD5", "Content-Type", "Date",
        "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range",
    ];

    /// <summary>
    /// <c>VERB\n</c> + 11 standard header lines + sorted <c>x-ms-*</c> headers + resource + sorted decoded query parameters.
    /// A zero Content-Length signs as empty.
    /// </summary>
    public static string ForQueue(string method, IReadOnlyDictionary<string, string> headers, long? contentLength, string accountName, string path, string query)
    {
        var builder = new StringBuilder(method.ToUpperInvariant()).Append('\n');
        foreach (var name in QueueStandardHeaders)
        {
            var value = name == "Content-Length"
                ? contentLength is > 0 ? contentLength.Value.ToString(CultureInfo.InvariantCulture) : string.Empty
                : headers.GetValueOrDefault(name, string.Empty);
            builder.Append(value).Append('\n');
        }

        foreach (var (name, value) in headers
            .Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: h.Value.Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        builder.Append('/').Append(accountName).Append(path);
        foreach (var (name, value) in ParseQuery(query).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            builder.Append('\n').Append(name).Append(':').Append(value);
        }

        return builder.ToString();
    }

    /// <summary><c>VERB\nContent-MD5\nContent-Type\ndate\n</c> + resource, where only <c>?comp=</c> of the query counts.</summary>
    public static string ForTable(string method, IReadOnlyDictionary<string, string> headers, string accountName, string path, string query)
    {
        var date = headers.GetValueOrDefault("x-ms-date") ?? headers.GetValueOrDefault("Date", string.Empty);
        var builder = new StringBuilder(method.ToUpperInvariant()).Append('\n')
            .Append(headers.GetValueOrDefault("Content-MD5", string.Empty)).Append('\n')
            .Append(headers.GetValueOrDefault("Content-Type", string.Empty)).Append('\n')
            .Append(date).Append('\n')
            .Append('/').Append(accountName).Append(path);
        if (ParseQuery(query).TryGetValue("comp", out var comp))
        {
            builder.Append("?comp=").Append(comp);
        }

        return builder.ToString();
    }

    /// <summary>Query parameters by lower-case name, values percent-decoded; repeated names join with commas.</summary>
    internal static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]).ToLowerInvariant();
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            result[name] = result.TryGetValue(name, out var existing) ? existing + "," + value : value;
        }

        return result;
    }
}
