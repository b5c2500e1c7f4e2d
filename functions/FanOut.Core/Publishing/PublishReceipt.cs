namespace FanOut.Core.Publishing;

/// <summary>
/// The answer to an accepted publish: the message id and where it goes. <see cref="Replayed"/> is true
/// when an earlier request with the same Idempotency-Key was accepted and this one changed nothing.
/// </summary>
public sealed record PublishReceipt(string Id, string Hub, string Group, bool Replayed)
{
    /// <summary>Every stream the message goes to (the groups of a multi-group message).</summary>
    public IReadOnlyList<string> Targets { get; init; } = [Group];
}
