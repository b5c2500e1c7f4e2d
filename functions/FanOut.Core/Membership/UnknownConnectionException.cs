namespace FanOut.Core.Membership;

/// <summary>The hub has no connection with this id (it never connected, or it has gone).</summary>
public sealed class UnknownConnectionException(string hub, string connectionId)
    : Exception($"No connection '{connectionId}' is connected to hub '{hub}'.");
