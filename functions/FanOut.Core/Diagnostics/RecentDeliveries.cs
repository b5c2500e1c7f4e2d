using System.Text;
using FanOut.Core.Messages;

namespace FanOut.Core.Diagnostics;

/// <summary>
/// The last <see cref="Capacity"/> deliveries of this process, newest last, for the dashboard's list of recent
/// messages and active groups. Holds no counts: rates and lag come from the <c>FanOut</c> meter.
/// </summary>
public sealed class RecentDeliveries
{
    public const int Capacity = 1000;

    /// <summary>How much of a message's data the list shows.</summary>
    public const int PreviewChars = 160;

    private readonly Queue<DeliveryRecord> _records = new(Capacity);
    private readonly Lock _gate = new();

    public void Add(Envelope envelope, DateTimeOffset deliveredAt, TimeSpan lag, bool redelivered)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var data = envelope.Data.Utf8;
        var record = new DeliveryRecord(
            envelope.Id,
            envelope.Hub,
            envelope.Group,
            envelope.Offset,
            envelope.Event,
            envelope.SentAt,
            deliveredAt,
            Math.Round(lag.TotalMilliseconds, 2),
            data.Length,
            redelivered,
            Preview(data.Span));
        lock (_gate)
        {
            if (_records.Count == Capacity)
            {
                _records.Dequeue();
            }

            _records.Enqueue(record);
        }
    }

    /// <summary>Every record kept, oldest first.</summary>
    public IReadOnlyList<DeliveryRecord> All()
    {
        lock (_gate)
        {
            return [.. _records];
        }
    }

    private static string Preview(ReadOnlySpan<byte> utf8)
    {
        var text = Encoding.UTF8.GetString(utf8[..Math.Min(utf8.Length, PreviewChars * 4)]);
        return text.Length <= PreviewChars ? text : string.Concat(text.AsSpan(0, PreviewChars - 1), "…");
    }
}
