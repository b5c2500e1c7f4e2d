namespace FanOut.Core.Publishing;

/// <summary>Durable, shared records of idempotency keys (per hub), with insert-if-absent and optimistic concurrency.</summary>
public interface IIdempotencyStore
{
    /// <summary>Stores <paramref name="claim"/> if its key has no record; returns the stored claim, or the record already there.</summary>
    Task<(IdempotencyRecord Record, bool Claimed)> ClaimAsync(IdempotencyRecord claim, CancellationToken cancellationToken);

    /// <summary>Replaces <paramref name="current"/> (by its ETag) with <paramref name="replacement"/>; null when someone else changed it first.</summary>
    Task<IdempotencyRecord?> TryReplaceAsync(IdempotencyRecord current, IdempotencyRecord replacement, CancellationToken cancellationToken);

    /// <summary>Re-reads a key's record; null when it is gone.</summary>
    Task<IdempotencyRecord?> ReadAsync(string hub, string key, CancellationToken cancellationToken);

    /// <summary>Deletes the record if it is still <paramref name="claim"/> (by ETag).</summary>
    Task ReleaseAsync(IdempotencyRecord claim, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="max"/> records created before <paramref name="createdBefore"/>, in any hub, unless they changed meanwhile; returns how many.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset createdBefore, int max, CancellationToken cancellationToken);
}
