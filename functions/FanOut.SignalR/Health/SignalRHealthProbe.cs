using FanOut.Core.Health;
using FanOut.SignalR.Rest;

namespace FanOut.SignalR.Health;

/// <summary>Probe "signalr": <c>HEAD /api/health</c> answers 200. Failures propagate; <see cref="HealthCheck"/> turns them into an unhealthy result.</summary>
public sealed class SignalRHealthProbe(SignalRRestClient client) : IHealthProbe
{
    public const string ProbeName = "signalr";

    public string Name => ProbeName;

    public async Task<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        await client.CheckHealthAsync(cancellationToken);
        return new ProbeResult(ProbeName, true, 0, null);
    }
}
