namespace FanOut.Core.Access;

/// <summary>
/// Which groups a client may join by itself (as its own user). Patterns use <c>*</c> and may name the
/// caller's user id: <c>user-{userId}</c>, <c>room-*</c>. A claim can list further groups. Nothing
/// configured: a client joins nothing by itself (a publisher can still add it).
/// </summary>
public sealed class JoinPolicyOptions
{
    public List<string> Groups { get; set; } = [];

    /// <summary>A claim whose values are groups the caller may join.</summary>
    public string? GroupsClaim { get; set; }
}
