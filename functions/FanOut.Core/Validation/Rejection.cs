namespace FanOut.Core.Validation;

/// <summary>Why a request was refused: a stable <see cref="Code"/> a client can switch on, and words for a person.</summary>
public sealed record Rejection(string Code, string Detail);
