using FanOut.Core.Messages;
using FanOut.Core.Validation;
using Microsoft.Extensions.Options;

namespace FanOut.Core.History;

/// <summary>Reads a group's history a page at a time, for clients catching up from an offset.</summary>
public sealed class HistoryQuery(IHistoryStore store, IOptions<FanOutOptions> options)
{
    public async Task<(HistoryPage? Page, Rejection? Rejected)> ReadAsync(
        string hub, string group, long after, int? limit, CancellationToken cancellationToken)
    {
        var rejection = NameRules.CheckHub(hub) ?? Streams.Check(group) ?? CheckPaging(after, limit, options.Value.MaxPageSize);
        if (rejection is not null)
        {
            return (null, rejection);
        }

        hub = NameRules.CanonicalHub(hub);
        var take = limit ?? options.Value.DefaultPageSize;
        var head = await store.ReadHeadAsync(hub, group, cancellationToken);
        if (head is null)
        {
            return (new HistoryPage(null, [], null), null);
        }

        var messages = await store.ReadAsync(hub, group, after, take, cancellationToken);
        long? next = messages.Count == take && messages[^1].Offset < head.LastOffset ? messages[^1].Offset : null;
        return (new HistoryPage(head.Epoch, messages, next), null);
    }

    private static Rejection? CheckPaging(long after, int? limit, int maxPageSize) =>
        after < 0
            ? new Rejection(RejectionCodes.InvalidQuery, "'after' is an offset: 0 or more.")
            : limit is < 1 || limit > maxPageSize
                ? new Rejection(RejectionCodes.InvalidQuery, $"'limit' is between 1 and {maxPageSize}.")
                : null;
}
