using System.Text.RegularExpressions;

namespace FanOut.Core.Validation;

/// <summary>
/// What a hub, group, event, connection or user name may look like. Each rule is the
/// intersection of what Azure SignalR Service accepts, what a Table Storage key accepts
/// (no <c>/ \ # ?</c>, no control characters, at most 1 KiB) and what a URL path segment
/// carries without escaping:
/// <list type="bullet">
/// <item>hub: 1-64 characters, a letter first, then letters, digits or <c>_</c> (Azure SignalR's hub rule);</item>
/// <item>group: 1-128 characters of letters, digits and <c>_ - . ~</c>, not starting with <c>.</c> , <c>-</c> or <c>~</c>;</item>
/// <item>event: 1-64 characters, a letter or <c>_</c> first, then letters, digits or <c>_ - .</c> (a client method name);</item>
/// <item>connection id: 1-256 characters of letters, digits and <c>_ - . = +</c>;</item>
/// <item>user id: 1-128 characters of letters, digits and <c>_ - . @ : +</c>.</item>
/// </list>
/// </summary>
public static partial class NameRules
{
    public const int MaxHubLength = 64;
    public const int MaxGroupLength = 128;
    public const int MaxEventLength = 64;

    public static Rejection? CheckHub(string? hub) =>
        hub is not null && HubPattern().IsMatch(hub)
            ? null
            : new(RejectionCodes.InvalidHub, "A hub name is 1-64 characters: a letter, then letters, digits or '_'.");

    public static Rejection? CheckGroup(string? group) =>
        group is not null && GroupPattern().IsMatch(group)
            ? null
            : new(RejectionCodes.InvalidGroup, "A group name is 1-128 characters of letters, digits and '_-.~', starting with a letter, digit or '_'.");

    public static Rejection? CheckEvent(string? name) =>
        name is not null && EventPattern().IsMatch(name)
            ? null
            : new(RejectionCodes.InvalidEvent, "An event name is 1-64 characters: a letter or '_', then letters, digits or '_-.'.");

    public static Rejection? CheckConnectionId(string? connectionId) =>
        connectionId is not null && ConnectionIdPattern().IsMatch(connectionId)
            ? null
            : new(RejectionCodes.InvalidConnectionId, "A connection id is 1-256 characters of letters, digits and '_-.=+'.");

    public static Rejection? CheckUserId(string? userId) =>
        userId is not null && UserIdPattern().IsMatch(userId)
            ? null
            : new(RejectionCodes.InvalidUserId, "A user id is 1-128 characters of letters, digits and '_-.@:+'.");

    /// <summary>
    /// The one spelling of a hub name. Azure SignalR Service treats hub names case-insensitively, so
    /// history must too: <c>Chat</c> and <c>chat</c> are one hub with one offset sequence per group.
    /// </summary>
    public static string CanonicalHub(string hub) => hub.ToLowerInvariant();

    /// <summary>The first rejection among a hub and a group name, or null when both are valid.</summary>
    public static Rejection? CheckHubAndGroup(string? hub, string? group) => CheckHub(hub) ?? CheckGroup(group);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex HubPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.~-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex GroupPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex EventPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.=+-]{1,256}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.@:+-]{1,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex UserIdPattern();
}
