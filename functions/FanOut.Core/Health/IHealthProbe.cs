namespace FanOut.Core.Health;

/// <summary>One dependency the service needs (queue, table, SignalR): does it answer?</summary>
public interface IHealthProbe
{
    string Name { get; }

    Task<ProbeResult> CheckAsync(CancellationToken cancellationToken);
}
