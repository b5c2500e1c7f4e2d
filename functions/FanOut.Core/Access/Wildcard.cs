namespace FanOut.Core.Access;

/// <summary>
/// <c>*</c>-only patterns over names (no regular expressions, so a pattern cannot be slow or surprising). Hub names
/// match ignoring case (Azure SignalR treats them so); group names are case-sensitive, so their patterns are too.
/// </summary>
public static class Wildcard
{
    public static bool IsMatch(string pattern, string value, StringComparison comparison = StringComparison.OrdinalIgnoreCase) =>
        IsMatch(pattern.AsSpan(), value.AsSpan(), comparison);

    private static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> value, StringComparison comparison)
    {
        var star = pattern.IndexOf('*');
        if (star < 0)
        {
            return pattern.Equals(value, comparison);
        }

        if (!value.StartsWith(pattern[..star], comparison))
        {
            return false;
        }

        var rest = pattern[(star + 1)..];
        var remaining = value[star..];
        for (var i = 0; i <= remaining.Length; i++)
        {
            if (IsMatch(rest, remaining[i..], comparison))
            {
                return true;
            }
        }

        return false;
    }
}
