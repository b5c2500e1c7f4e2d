using System.Text;

namespace FanOut.Core.Webhooks;

/// <summary>
/// Turns configured secrets into HMAC keys. GitHub, Stripe and generic secrets are the UTF-8 bytes
/// of the text as is; a Standard Webhooks secret is <c>whsec_</c> + base64, and the key is the
/// decoded bytes (the prefix is optional, as in the reference libraries).
/// </summary>
internal static class WebhookSecrets
{
    public const string SecretPrefix = "whsec_";

    /// <summary>What is wrong with <paramref name="secret"/> for <paramref name="kind"/>, phrased to follow "Secrets[i]"; null when it is usable.</summary>
    public static string? Problem(WebhookSourceKind kind, string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return "is empty.";
        }

        if (secret.Trim().Length != secret.Length)
        {
            return "has leading or trailing whitespace (a pasted newline?); the sender signs without it.";
        }

        return kind switch
        {
            WebhookSourceKind.Stripe when !secret.StartsWith(SecretPrefix, StringComparison.Ordinal) =>
                "is not a Stripe endpoint signing secret (they start with whsec_; an API key does not belong here).",
            WebhookSourceKind.Standard when StandardKey(secret) is null =>
                "is not a Standard Webhooks secret: whsec_ followed by the base64 of at least one byte.",
            _ => null,
        };
    }

    /// <summary>The HMAC keys of the source's valid secrets, in configured order.</summary>
    public static List<byte[]> Keys(WebhookSourceOptions source)
    {
        var keys = new List<byte[]>(source.Secrets.Count);
        foreach (var secret in source.Secrets)
        {
            if (Problem(source.Kind!.Value, secret) is null)
            {
                keys.Add(source.Kind == WebhookSourceKind.Standard ? StandardKey(secret)! : Encoding.UTF8.GetBytes(secret));
            }
        }

        return keys;
    }

    private static byte[]? StandardKey(string secret)
    {
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        var buffer = new byte[encoded.Length];
        return Convert.TryFromBase64String(encoded, buffer, out var written) && written > 0 ? buffer[..written] : null;
    }
}
