using System.Globalization;

namespace FanOut.Core.Webhooks;

/// <summary>
/// A sender's signing time in Unix seconds, as Stripe's <c>t=</c> and the Standard Webhooks
/// <c>webhook-timestamp</c> carry it, and the replay window around now.
/// </summary>
internal static class SignedTimestamp
{
    /// <summary>Only ASCII digits, at most 18 of them (no sign, spaces, exponent or fraction): anything else is not a timestamp.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long seconds)
    {
        seconds = 0;
        return text.Length is > 0 and <= 18
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds);
    }

    /// <summary>True when <paramref name="seconds"/> is at most <paramref name="toleranceSeconds"/> before or after <paramref name="now"/>.</summary>
    public static bool IsWithin(long seconds, DateTimeOffset now, int toleranceSeconds) =>
        Math.Abs(now.ToUnixTimeSeconds() - seconds) <= toleranceSeconds;
}
