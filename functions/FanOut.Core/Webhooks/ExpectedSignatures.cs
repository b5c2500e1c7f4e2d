using System.Buffers;
using System.Security.Cryptography;

namespace FanOut.Core.Webhooks;

/// <summary>
/// The HMAC-SHA256 of one signed content under each active secret, and constant-time comparison
/// of a sender's signature against them. Malformed candidates (bad hex, bad base64, wrong length)
/// simply do not match: nothing here throws on what a request carries.
/// </summary>
internal sealed class ExpectedSignatures
{
    public const int MacLength = 32;

    private readonly byte[][] _macs;

    private ExpectedSignatures(byte[][] macs) => _macs = macs;

    /// <summary>The MAC of <paramref name="signedPrefix"/> followed by <paramref name="body"/> under each key, without copying the body.</summary>
    public static ExpectedSignatures Compute(IReadOnlyList<byte[]> keys, ReadOnlySpan<byte> signedPrefix, ReadOnlySpan<byte> body)
    {
        var macs = new byte[keys.Count][];
        for (var i = 0; i < keys.Count; i++)
        {
            using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, keys[i]);
            hmac.AppendData(signedPrefix);
            hmac.AppendData(body);
            macs[i] = hmac.GetHashAndReset();
        }

        return new(macs);
    }

    /// <summary>True when <paramref name="hex"/> is 64 hex digits (either case) equal to one of the MACs.</summary>
    public bool MatchesHex(ReadOnlySpan<char> hex)
    {
        Span<byte> candidate = stackalloc byte[MacLength];
        return hex.Length == MacLength * 2
            && Convert.FromHexString(hex, candidate, out _, out var written) == OperationStatus.Done
            && written == MacLength
            && Matches(candidate);
    }

    /// <summary>True when <paramref name="base64"/> decodes to 32 bytes equal to one of the MACs.</summary>
    public bool MatchesBase64(ReadOnlySpan<char> base64)
    {
        Span<byte> candidate = stackalloc byte[MacLength];
        return base64.Length <= 64
            && Convert.TryFromBase64Chars(base64, candidate, out var written)
            && written == MacLength
            && Matches(candidate);
    }

    private bool Matches(ReadOnlySpan<byte> candidate)
    {
        var found = false;
        foreach (var mac in _macs)
        {
            // No early exit: how long this takes says nothing about which secret matched.
            found |= CryptographicOperations.FixedTimeEquals(candidate, mac);
        }

        return found;
    }
}
