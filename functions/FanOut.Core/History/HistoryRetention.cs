using System.Collections.Concurrent;
using FanOut.Core.Access;
using Microsoft.Extensions.Logging;

namespace FanOut.Core.History;

/// <summary>
/// Applies a hub's <see cref="HubLimitsOptions.HistoryRetention"/>: reads leave older messages out
/// (<see cref="KeepsSince"/>), and after a group's commits its oldest messages are deleted, at most once per
/// <see cref="Interval"/> per group and in the background, so delivery never waits for it. Groups that get no
/// new messages keep their rows until they do; reads hide them either way.
/// </summary>
public sealed partial class HistoryRetention(IHistoryStore store, HubPolicies policies, TimeProvider clock, ILogger<HistoryRetention> logger)
{
    internal static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>Messages deleted per trim at most (a busy group catches up over several).</summary>
    internal const int MaxPerTrim = 500;

    private readonly ConcurrentDictionary<(string Hub, string Group), DateTimeOffset> _lastTrim = new();

    /// <summary>The oldest send time a read of this hub still returns; null when the hub keeps everything.</summary>
    public DateTimeOffset? KeepsSince(string hub) =>
        policies.Find(hub)?.Options.Limits.HistoryRetention is { } retention ? clock.GetUtcNow() - retention : null;

    /// <summary>After a commit to the group: trims it in the background when it is due.</summary>
    public void Committed(string hub, string group)
    {
        if (KeepsSince(hub) is not { } cutoff)
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (_lastTrim.TryGetValue((hub, group), out var last) && now - last < Interval)
        {
            return;
        }

        if (_lastTrim.Count > 10_000)
        {
            _lastTrim.Clear();
        }

        _lastTrim[(hub, group)] = now;
        _ = TrimAsync(hub, group, cutoff);
    }

    internal async Task<int> TrimAsync(string hub, string group, DateTimeOffset cutoff)
    {
        try
        {
            var deleted = await store.TrimAsync(hub, group, cutoff, MaxPerTrim, CancellationToken.None);
            if (deleted > 0)
            {
                LogTrimmed(logger, deleted, hub, group, cutoff);
            }

            return deleted;
        }
        catch (Exception ex)
        {
            // The next trim tries again; reads already leave these messages out.
            LogTrimFailed(logger, ex, hub, group);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} messages of {Hub}/{Group} sent before {Cutoff} (history retention)")]
    private static partial void LogTrimmed(ILogger logger, int count, string hub, string group, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not trim the history of {Hub}/{Group}; trying again later")]
    private static partial void LogTrimFailed(ILogger logger, Exception error, string hub, string group);
}
