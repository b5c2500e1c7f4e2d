namespace FanOut.Core.Rooms;

/// <summary>
/// The app's own code for hub events of hubs matching <see cref="HubPattern"/> (connected, disconnected,
/// joined, left), like Socket.IO's <c>io.of(ns).on("connection")</c> and the adapter's room events.
/// Register with <c>services.OnHubEvent("chat", (e, ct) => ...)</c>. A handler that throws is logged and
/// does not stop the others.
/// </summary>
public sealed class HubEventHandler(string hubPattern, Func<HubEvent, CancellationToken, Task> handle)
{
    public string HubPattern { get; } = hubPattern;

    public Task HandleAsync(HubEvent hubEvent, CancellationToken cancellationToken) => handle(hubEvent, cancellationToken);
}
