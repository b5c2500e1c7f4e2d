using FanOut.Core.History;
using FanOut.Core.Messages;

namespace FanOut.UnitTests.Core;

/// <summary>An in-memory history store with the same optimistic concurrency contract as the table store.</summary>
internal sealed class FakeHistoryStore : IHistoryStore
{
    private readonly Lock _gate = new();
    private readonly List<Envelope> _messages = [];
    private GroupHead? _head;
    private int _version;

    /// <summary>Commits that will report HeadChanged before the store behaves normally again.</summary>
    public int ConflictsToInject { get; set; }

    public int CommitAttempts { get; private set; }

    public IReadOnlyList<Envelope> Messages => _messages;

    public Task<GroupHead?> ReadHeadAsync(string hub, string group, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_head);
        }
    }

    public Task<CommitOutcome> TryCommitAsync(GroupHead expected, Envelope envelope, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            CommitAttempts++;
            if (_messages.Any(m => m.Id == envelope.Id))
            {
                return Task.FromResult(CommitOutcome.AlreadyStored);
            }

            if (ConflictsToInject > 0)
            {
                ConflictsToInject--;
                return Task.FromResult(CommitOutcome.HeadChanged);
            }

            if (expected.ETag != _head?.ETag)
            {
                return Task.FromResult(CommitOutcome.HeadChanged);
            }

            _messages.Add(envelope);
            _head = new GroupHead(envelope.Offset, envelope.Epoch, $"v{++_version}");
            return Task.FromResult(CommitOutcome.Committed);
        }
    }

    public Task<Envelope?> FindAsync(string hub, string group, string messageId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_messages.FirstOrDefault(m => m.Id == messageId));
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
