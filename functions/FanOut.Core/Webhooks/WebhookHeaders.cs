namespace FanOut.Core.Webhooks;

/// <summary>Reads one request header through the caller's case-insensitive lookup, bounded and trimmed.</summary>
internal static class WebhookHeaders
{
    /// <summary>No sender writes a header this long; a longer value is treated as absent rather than parsed.</summary>
    public const int MaxLength = 8 * 1024;

    /// <summary>The trimmed value, or null when the header is absent, blank or over <see cref="MaxLength"/> characters.</summary>
    public static string? Value(Func<string, string?> header, string name)
    {
        var value = header(name);
        if (value is null || value.Length > MaxLength)
        {
            return null;
        }

        value = value.Trim();
        return value.Length == 0 ? null : value;
    }
}
