using System.Text.Json;

namespace FanOut.Testing.SignalR;

/// <summary>One invocation the Node client received: the client method and its arguments as JSON.</summary>
public sealed record NodeSignalRMessage(string Target, IReadOnlyList<JsonElement> Args)
{
    /// <summary>The first argument (the envelope, for FanOut's broadcasts).</summary>
    public JsonElement Arg0 => Args.Count > 0 ? Args[0] : default;
}
