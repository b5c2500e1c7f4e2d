namespace FanOut.Core.Diagnostics;

/// <summary>One delivery as the dashboard lists it: where the message went, when, how late, and the start of its data.</summary>
public sealed record DeliveryRecord(
    string Id,
    string Hub,
    string Group,
    long Offset,
    string Event,
    DateTimeOffset SentAt,
    DateTimeOffset DeliveredAt,
    double LagMs,
    int Bytes,
    bool Redelivered,
    string Preview);
