using FanOut.Core.Rooms;

namespace FanOut.LocalHost.Rooms;

/// <summary>
/// Sweeps presence every minute even when no client event arrives (on Azure, the sweep rides on upstream
/// events and presence reads instead of a timer).
/// </summary>
public sealed class PresenceSweepService(HubEvents hubEvents) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(hubEvents.SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            hubEvents.SweepInBackground();
        }
    }
}
