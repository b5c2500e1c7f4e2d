using System.Text;
using FanOut.Core.Messages;

namespace FanOut.UnitTests.Core;

/// <summary>Test messages.</summary>
internal static class Messages
{
    public static readonly DateTimeOffset SentAt = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    public static RawJson Json(string json) => RawJson.FromTrustedUtf8(Encoding.UTF8.GetBytes(json));

    public static QueuedMessage Queued(string group = "general", string? id = null, string json = """{"n":1}""") =>
        new(id ?? Guid.NewGuid().ToString("N"), "chat", group, "message", Json(json), SentAt);
}
