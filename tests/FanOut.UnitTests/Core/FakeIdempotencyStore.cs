using FanOut.Core.Publishing;

namespace FanOut.UnitTests.Core;

/// <summary>An in-memory idempotency store with the table store's contract (insert-if-absent, ETag-conditional changes).</summary>
internal sealed class FakeIdempotencyStore : IIdempotencyStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string, string), IdempotencyRecord> _records = [];
    private int _version;

    public IdempotencyRecord? this[string hub, string key]
    {
        get
        {
            lock (_gate)
            {
                return _records.GetValueOrDefault((hub, key));
            }
        }
    }

    /// <summary>Puts a record as if an earlier request (maybe in a crashed process) had written it.</summary>
    public void Seed(IdempotencyRecord record)
    {
        lock (_gate)
        {
            _records[(record.Hub, record.Key)] = record with { ETag = $"v{++_version}" };
        }
    }

    public async Task<(IdempotencyRecord Record, bool Claimed)> ClaimAsync(IdempotencyRecord claim, CancellationToken cancellationToken)
    {
        await Task.Yield();
        lock (_gate)
        {
            if (_records.TryGetValue((claim.Hub, claim.Key), out var existing))
            {
                return (existing, false);
            }

            var stored = claim with { ETag = $"v{++_version}" };
            _records[(claim.Hub, claim.Key)] = stored;
            return (stored, true);
        }
    }

    public async Task<IdempotencyRecord?> TryReplaceAsync(IdempotencyRecord current, IdempotencyRecord replacement, CancellationToken cancellationToken)
    {
        await Task.Yield();
        lock (_gate)
        {
            if (!_records.TryGetValue((current.Hub, current.Key), out var existing) || existing.ETag != current.ETag)
            {
                return null;
            }

            var stored = replacement with { ETag = $"v{++_version}" };
            _records[(current.Hub, current.Key)] = stored;
            return stored;
        }
    }

    public Task<IdempotencyRecord?> ReadAsync(string hub, string key, CancellationToken cancellationToken) => Task.FromResult(this[hub, key]);

    public Task ReleaseAsync(IdempotencyRecord claim, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_records.TryGetValue((claim.Hub, claim.Key), out var existing) && existing.ETag == claim.ETag)
            {
                _records.Remove((claim.Hub, claim.Key));
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> DeleteExpiredAsync(DateTimeOffset createdBefore, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var expired = _records.Where(r => r.Value.CreatedAt < createdBefore).Take(max).Select(r => r.Key).ToList();
            expired.ForEach(key => _records.Remove(key));
            return Task.FromResult(expired.Count);
        }
    }
}
