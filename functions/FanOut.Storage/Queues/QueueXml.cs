using System.Globalization;
using System.Security;
using System.Text;
using System.Xml.Linq;

namespace FanOut.Storage.Queues;

/// <summary>The Queue service's XML bodies: the put request and the message lists it answers with.</summary>
internal static class QueueXml
{
    public static byte[] MessageBody(string text) =>
        Encoding.UTF8.GetBytes($"<QueueMessage><MessageText>{SecurityElement.Escape(text)}</MessageText></QueueMessage>");

    public static IEnumerable<XElement> Messages(string xml) =>
        string.IsNullOrWhiteSpace(xml) ? [] : XDocument.Parse(xml).Root?.Elements("QueueMessage") ?? [];

    public static ReceivedMessage ToReceived(XElement element) => new(
        Value(element, "MessageId"),
        Value(element, "PopReceipt"),
        Value(element, "MessageText"),
        long.Parse(Value(element, "DequeueCount"), CultureInfo.InvariantCulture),
        Time(element, "InsertionTime"),
        Time(element, "TimeNextVisible"));

    public static SentMessage ToSent(XElement element) => new(
        Value(element, "MessageId"),
        Value(element, "PopReceipt"),
        Time(element, "InsertionTime"),
        Time(element, "TimeNextVisible"));

    public static DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string Value(XElement element, string name) =>
        element.Element(name)?.Value ?? throw new FormatException($"The queue message XML has no <{name}>.");

    private static DateTimeOffset Time(XElement element, string name) => ParseTime(Value(element, name));
}
