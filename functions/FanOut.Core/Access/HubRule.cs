using FanOut.Core.Validation;

namespace FanOut.Core.Access;

/// <summary>
/// A rule in code for the hubs matching <see cref="HubPattern"/>, for what settings cannot say (like
/// Socket.IO's <c>namespace.use()</c>): it sees every connect, publish, join and history read that the
/// hub's policy allowed, and may refuse it with a <see cref="Rejection"/>. Register with
/// <c>services.AddHubRule("admin", (request, ct) => ...)</c>.
/// </summary>
public sealed class HubRule(string hubPattern, Func<HubRequest, CancellationToken, ValueTask<Rejection?>> check)
{
    public string HubPattern { get; } = hubPattern;

    public ValueTask<Rejection?> CheckAsync(HubRequest request, CancellationToken cancellationToken) => check(request, cancellationToken);
}
