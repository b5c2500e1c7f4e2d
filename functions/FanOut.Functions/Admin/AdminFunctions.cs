using FanOut.Api;
using FanOut.Api.Admin;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FanOut.Functions.Admin;

/// <summary>
/// The admin API (admin key): stats, and the poison queue's messages and their replay; see <see cref="StatsHandler"/>
/// and <see cref="PoisonHandler"/>. Neither function names nor routes start with "admin", which the host reserves.
/// </summary>
public sealed class AdminFunctions(StatsHandler stats, PoisonHandler poison)
{
    [Function(nameof(Stats))]
    public Task<IResult> Stats(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.AdminStats)] HttpRequest request,
        CancellationToken cancellationToken) =>
        stats.HandleAsync(request, cancellationToken);

    [Function(nameof(PoisonMessages))]
    public Task<IResult> PoisonMessages(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.AdminPoison)] HttpRequest request,
        CancellationToken cancellationToken) =>
        poison.ListAsync(request, cancellationToken);

    [Function(nameof(ReplayPoison))]
    public Task<IResult> ReplayPoison(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.AdminPoisonReplay)] HttpRequest request,
        string messageId,
        CancellationToken cancellationToken) =>
        poison.ReplayAsync(request, messageId, cancellationToken);
}
