namespace FanOut.Core.Messages;

/// <summary>
/// Where a message is recorded and sent. Every target is a stream with its own offsets: a group (its name),
/// the whole hub (<see cref="Hub"/>), or one user (<see cref="User"/>). The stream names of the hub and of
/// users start with <c>~</c>, which no group name may, so they never collide with a group.
/// </summary>
public static class Streams
{
    /// <summary>Every connection of the hub.</summary>
    public const string Hub = "~hub";

    /// <summary>The prefix of a user's stream: <c>~user-{userId}</c>.</summary>
    public const string UserPrefix = "~user-";

    /// <summary>The most groups one message may target.</summary>
    public const int MaxGroupsPerMessage = 20;

    public static string User(string userId) => UserPrefix + userId;

    /// <summary>A valid stream name: a group name, <see cref="Hub"/>, or a valid user's stream.</summary>
    public static Validation.Rejection? Check(string? stream) =>
        stream == Hub ? null
        : stream is not null && IsUser(stream, out var userId) ? Validation.NameRules.CheckUserId(userId)
        : Validation.NameRules.CheckGroup(stream);

    public static bool IsUser(string stream, out string userId)
    {
        var isUser = stream.StartsWith(UserPrefix, StringComparison.Ordinal);
        userId = isUser ? stream[UserPrefix.Length..] : string.Empty;
        return isUser;
    }
}
