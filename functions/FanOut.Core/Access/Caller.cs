namespace FanOut.Core.Access;

/// <summary>
/// Who is asking, as far as the service could establish: nobody in particular; the holder of one of the
/// hub's publisher keys; a signed-in user (JWT or App Service Authentication); or a connected client
/// whose identity the SignalR service vouches for (a client event over the socket).
/// </summary>
public sealed record Caller(CallerKind Kind, string? UserId = null, string? KeyName = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? Claims = null, string? ConnectionId = null)
{
    public static readonly Caller Anonymous = new(CallerKind.Anonymous);

    public static Caller Publisher(string keyName) => new(CallerKind.PublisherKey, KeyName: keyName);

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ClaimValues => Claims ?? EmptyClaims;

    /// <summary>Whether every required claim is present with (one of) the required value(s).</summary>
    public bool HasClaims(IReadOnlyDictionary<string, string> required) =>
        required.All(r => ClaimValues.TryGetValue(r.Key, out var values) && values.Contains(r.Value, StringComparer.Ordinal));

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> EmptyClaims = new Dictionary<string, IReadOnlyList<string>>();
}
