using FanOut.Api.Problems;
using FanOut.Core.Access;
using FanOut.Core.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace FanOut.Api.Admin;

/// <summary><c>GET /api/manage/stats</c> (admin key): see <see cref="StatsResponse"/>.</summary>
public sealed class StatsHandler(AdminGate gate, FanOutStats stats, PoisonQueue queues, HubPolicies policies, IOptionsMonitor<FanOutAccessOptions> access)
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (gate.Check(request) is { } denied)
        {
            return ProblemResults.From(denied);
        }

        var snapshot = stats.Snapshot();
        var depths = await queues.DepthsAsync(cancellationToken);
        var seen = snapshot.Hubs.ToDictionary(h => h.Name, StringComparer.OrdinalIgnoreCase);
        var configured = access.CurrentValue.Hubs.Where(h => h.Value.Pattern is null).Select(h => h.Key.ToLowerInvariant());
        var hubs = configured.Union(seen.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)
            .Select(name => (Name: name, Activity: seen.GetValueOrDefault(name), Policy: policies.Find(name)))
            .Select(h => new HubSummary(
                h.Name,
                h.Policy is not null,
                h.Policy?.Options.Pattern,
                h.Activity?.Published ?? 0,
                h.Activity?.Delivered ?? 0,
                h.Activity?.Groups ?? []))
            .Concat(access.CurrentValue.Hubs.Where(h => h.Value.Pattern is { } pattern && !seen.Keys.Any(s => Wildcard.IsMatch(pattern, s)))
                .Select(h => new HubSummary(h.Key, true, h.Value.Pattern, 0, 0, [])))
            .ToList();
        return TypedResults.Json(new StatsResponse(
            snapshot.At,
            snapshot.WindowSeconds,
            snapshot.Counters,
            snapshot.RejectedByCode,
            snapshot.LagMs,
            snapshot.LagP50Series,
            snapshot.LagP99Series,
            depths,
            hubs,
            snapshot.Recent));
    }
}
