namespace FanOut.Core.History;

/// <summary>Other writers of the same group kept moving its head; the queue retries these messages.</summary>
public sealed class HistoryContentionException(string hub, string group, int attempts)
    : Exception($"Gave up appending to {hub}/{group} after {attempts} head conflicts.");
