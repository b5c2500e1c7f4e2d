namespace FanOut.Core.History;

/// <summary>Too many concurrent deliveries to one group kept winning the race; the queue will retry this message.</summary>
public sealed class HistoryContentionException(string hub, string group, int attempts)
    : Exception($"Gave up appending to {hub}/{group} after {attempts} head conflicts.");
