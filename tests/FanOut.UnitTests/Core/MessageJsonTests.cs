using System.Text;
using FanOut.Core.Messages;

namespace FanOut.UnitTests.Core;

public class MessageJsonTests
{
    private static readonly DateTimeOffset SentAt = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Serialize_KeepsDataExactlyAsPublished_WithoutEscapingNonAscii()
    {
        var data = Messages.Json("""{ "text": "héllo 👋", "n": 1.50 }""");
        var json = Encoding.UTF8.GetString(MessageJson.SerializeToUtf8Bytes(new QueuedMessage("id1", "chat", "general", "message", data, SentAt)));

        Assert.Contains("""
            "data":{ "text": "héllo 👋", "n": 1.50 }
            """, json, StringComparison.Ordinal);
    }

    [Fact]
    public void QueuedMessage_RoundTripsThroughTheQueueFormat()
    {
        var original = new QueuedMessage("id1", "chat", "general", "message", Messages.Json("""[1,"two",{"three":3}]"""), SentAt);

        var copy = MessageJson.DeserializeQueued(MessageJson.SerializeToUtf8Bytes(original));

        Assert.Equal(original.Id, copy.Id);
        Assert.Equal(original.Hub, copy.Hub);
        Assert.Equal(original.Group, copy.Group);
        Assert.Equal(original.Event, copy.Event);
        Assert.Equal(original.SentAt, copy.SentAt);
        Assert.Equal(original.Data.ToString(), copy.Data.ToString());
    }

    [Fact]
    public void Serialize_WritesAbsentDataAsNull()
    {
        var json = Encoding.UTF8.GetString(MessageJson.SerializeToUtf8Bytes(new QueuedMessage("id1", "chat", "general", "message", RawJson.Null, SentAt)));

        Assert.Contains("\"data\":null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Envelope_SerializesWithTheDocumentedCamelCaseMembers()
    {
        var envelope = new Envelope("id1", "chat", "general", 7, "e1", "message", Messages.Json("true"), SentAt);

        using var document = System.Text.Json.JsonDocument.Parse(MessageJson.SerializeToUtf8Bytes(envelope));

        Assert.Equal(
            ["id", "hub", "group", "offset", "epoch", "event", "data", "sentAt"],
            document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(7, document.RootElement.GetProperty("offset").GetInt64());
    }

    [Fact]
    public void DeserializeQueued_RejectsJsonNull() =>
        Assert.Throws<System.Text.Json.JsonException>(() => MessageJson.DeserializeQueued("null"u8));
}
