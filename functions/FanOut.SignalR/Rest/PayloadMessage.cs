namespace FanOut.SignalR.Rest;

/// <summary>The body of a REST send: the client method to invoke and its arguments.</summary>
internal sealed record PayloadMessage(string Target, IReadOnlyList<object?> Arguments);
