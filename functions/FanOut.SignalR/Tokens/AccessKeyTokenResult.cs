namespace FanOut.SignalR.Tokens;

/// <summary>The outcome of <see cref="AccessKeyTokenValidator.ValidateAsync"/>: valid with the token's user id (if any), or why not.</summary>
public sealed record AccessKeyTokenResult(bool IsValid, string? UserId, string? Error)
{
    public static AccessKeyTokenResult Success(string? userId) => new(true, userId, null);

    public static AccessKeyTokenResult Fail(string error) => new(false, null, error);
}
