using FanOut.Core.History;
using FanOut.Core.Messages;

namespace FanOut.UnitTests.Core;

/// <summary>An in-memory history store (one group) with the table store's contract: all-or-nothing commits under a concurrency token.</summary>
internal sealed class FakeHistoryStore : IHistoryStore
{
    private readonly Lock _gate = new();
    private readonly List<Envelope> _messages = [];
    private GroupHead? _head;
    private int _version;

    /// <summary>Commits that will be refused (as if another process moved the head) before the store behaves normally again.</summary>
    public int ConflictsToInject { get; set; }

    /// <summary>When set, every commit throws it (Storage is down).</summary>
    public Exception? Failure { get; set; }

    public int MaxMessagesPerCommit { get; set; } = 49;

    public int MaxDataBytesPerCommit { get; set; } = 1024 * 1024;

    public List<int> CommitSizes { get; } = [];

    public IReadOnlyList<Envelope> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Another writer appends directly (a second process).</summary>
    public void AppendElsewhere(QueuedMessage message)
    {
        lock (_gate)
        {
            var head = _head ?? GroupHead.New();
            _messages.Add(message.ToEnvelope(head.LastOffset + 1, head.Epoch));
            _head = new GroupHead(head.LastOffset + 1, head.Epoch, $"v{++_version}");
        }
    }

    public Task<GroupHead?> ReadHeadAsync(string hub, string group, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_head);
        }
    }

    public async Task<GroupHead?> TryCommitAsync(GroupHead expected, IReadOnlyList<Envelope> envelopes, CancellationToken cancellationToken)
    {
        await Task.Yield();
        lock (_gate)
        {
            if (Failure is not null)
            {
                throw Failure;
            }

            if (ConflictsToInject > 0)
            {
                ConflictsToInject--;
                return null;
            }

            if (expected.ETag != _head?.ETag || envelopes.Any(e => _messages.Any(m => m.Id == e.Id)))
            {
                return null;
            }

            Assert.Equal(Enumerable.Range(1, envelopes.Count).Select(i => expected.LastOffset + i), envelopes.Select(e => e.Offset));
            CommitSizes.Add(envelopes.Count);
            _messages.AddRange(envelopes);
            _head = new GroupHead(envelopes[^1].Offset, expected.Epoch, $"v{++_version}");
            return _head;
        }
    }

    public Task<IReadOnlyDictionary<string, Envelope>> FindAsync(string hub, string group, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyDictionary<string, Envelope>>(
                _messages.Where(m => messageIds.Contains(m.Id)).ToDictionary(m => m.Id));
        }
    }

    public Task<int> TrimAsync(string hub, string group, DateTimeOffset sentBefore, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var expired = _messages.OrderBy(m => m.Offset).TakeWhile(m => m.SentAt < sentBefore).Take(max).ToList();
            _messages.RemoveAll(expired.Contains);
            return Task.FromResult(expired.Count);
        }
    }

    public Task<IReadOnlyList<Envelope>> ReadAsync(string hub, string group, long after, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Envelope>>(_messages.Where(m => m.Offset > after).OrderBy(m => m.Offset).Take(limit).ToList());
        }
    }
}
