using Xunit;

namespace FanOut.Testing.Webhooks;

/// <summary>A body and the headers its sender's library produced, plus any the test adds; header names are case-insensitive.</summary>
public sealed class SignedRequest(byte[] body, Dictionary<string, string> headers)
{
    public byte[] Body { get; } = body;

    public SignedRequest With(string name, string value)
    {
        headers[name] = value;
        return this;
    }

    /// <summary>The same headers over a body changed in one byte.</summary>
    public SignedRequest Tampered(int index, byte value)
    {
        var changed = (byte[])Body.Clone();
        Assert.NotEqual(value, changed[index]);
        changed[index] = value;
        return new(changed, new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase));
    }

    public string? Header(string name) => headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Every header, to send the request as the sender would.</summary>
    public IReadOnlyDictionary<string, string> Headers => headers;
}
