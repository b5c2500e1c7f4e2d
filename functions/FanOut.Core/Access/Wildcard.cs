namespace FanOut.Core.Access;

/// <summary><c>*</c>-only patterns over names (no regular expressions, so a pattern cannot be slow or surprising).</summary>
public static class Wildcard
{
    public static bool IsMatch(string pattern, string value) => IsMatch(pattern.AsSpan(), value.AsSpan());

    private static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> value)
    {
        var star = pattern.IndexOf('*');
        if (star < 0)
        {
            return pattern.Equals(value, StringComparison.OrdinalIgnoreCase);
        }

        if (!value.StartsWith(pattern[..star], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = pattern[(star + 1)..];
        var remaining = value[star..];
        for (var i = 0; i <= remaining.Length; i++)
        {
            if (IsMatch(rest, remaining[i..]))
            {
                return true;
            }
        }

        return false;
    }
}
