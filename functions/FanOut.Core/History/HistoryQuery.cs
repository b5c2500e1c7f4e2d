using FanOut.Core.Messages;
using FanOut.Core.Publishing;
using FanOut.Core.Validation;
using Microsoft.Extensions.Options;

namespace FanOut.Core.History;

/// <summary>
/// Reads a stream's history a page at a time, for clients catching up from an offset. Large data kept in the
/// payload store is fetched into the page; a page stops early (pointing to the rest with <c>next</c>) once it
/// holds <see cref="MaxPageDataBytes"/> of data, so a page of large messages stays a sensible size.
/// </summary>
public sealed class HistoryQuery(IHistoryStore store, IPayloadStore payloads, IOptions<FanOutOptions> options, HistoryRetention? retention = null)
{
    /// <summary>About how much data one page carries at most (at least one message, however large).</summary>
    public const int MaxPageDataBytes = 4 * 1024 * 1024;

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

        var messages = await WithDataAsync(await ReadKeptAsync(hub, group, after, take, cancellationToken), cancellationToken);
        var cut = messages.Count < take;
        long? next = messages.Count > 0 && (messages.Count == take || cut) && messages[^1].Offset < head.LastOffset ? messages[^1].Offset : null;
        return (new HistoryPage(head.Epoch, messages, next), null);
    }

    /// <summary>The stored messages after <paramref name="after"/> that the hub's history retention still keeps.</summary>
    private async Task<IReadOnlyList<Envelope>> ReadKeptAsync(string hub, string group, long after, int take, CancellationToken cancellationToken)
    {
        var messages = await store.ReadAsync(hub, group, after, take, cancellationToken);
        if (retention?.KeepsSince(hub) is not { } keepsSince)
        {
            return messages;
        }

        // Expired rows wait for the next trim; skip whole pages of them (rare: a trim follows new messages).
        while (messages.Count == take && messages[^1].SentAt < keepsSince)
        {
            messages = await store.ReadAsync(hub, group, messages[^1].Offset, take, cancellationToken);
        }

        return [.. messages.Where(m => m.SentAt >= keepsSince)];
    }

    /// <summary>A message whose large data is gone (past the payload retention) stays in history with null data, marked <c>dataExpired</c>.</summary>
    private async Task<Envelope> WithStoredDataAsync(Envelope message, string reference, CancellationToken cancellationToken) =>
        await payloads.GetAsync(reference, cancellationToken) is { } data
            ? message with { Data = data }
            : message with { Data = RawJson.Null, DataExpired = true };

    /// <summary>Fetches large data by reference, stopping once the page holds <see cref="MaxPageDataBytes"/>.</summary>
    private async Task<IReadOnlyList<Envelope>> WithDataAsync(IReadOnlyList<Envelope> messages, CancellationToken cancellationToken)
    {
        if (messages.All(m => m.DataRef is null))
        {
            return messages;
        }

        var page = new List<Envelope>(messages.Count);
        var bytes = 0L;
        foreach (var message in messages)
        {
            var full = message.DataRef is { } reference ? await WithStoredDataAsync(message, reference, cancellationToken) : message;
            bytes += full.Data.Utf8.Length;
            if (page.Count > 0 && bytes > MaxPageDataBytes)
            {
                break;
            }

            page.Add(full);
        }

        return page;
    }

    private static Rejection? CheckPaging(long after, int? limit, int maxPageSize) =>
        after < 0
            ? new Rejection(RejectionCodes.InvalidQuery, "'after' is an offset: 0 or more.")
            : limit is < 1 || limit > maxPageSize
                ? new Rejection(RejectionCodes.InvalidQuery, $"'limit' is between 1 and {maxPageSize}.")
                : null;
}
