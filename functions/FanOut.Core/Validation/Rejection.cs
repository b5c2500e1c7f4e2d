namespace FanOut.Core.Validation;

/// <summary>
/// Why a request was refused: a stable <see cref="Code"/> a client can switch on, words for a person,
/// and, when waiting helps, how long to wait (<see cref="RetryAfter"/>).
/// </summary>
public sealed record Rejection(string Code, string Detail)
{
    public TimeSpan? RetryAfter { get; init; }
}
