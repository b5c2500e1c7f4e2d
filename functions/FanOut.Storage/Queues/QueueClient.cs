using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using FanOut.Storage.Pipeline;

namespace FanOut.Storage.Queues;

/// <summary>One Azure Storage queue over the Queue REST API: create, put, get, delete, update visibility, count.</summary>
public sealed class QueueClient
{
    public const int MaxMessagesPerReceive = 32;

    private readonly HttpPipeline _pipeline;

    public QueueClient(HttpPipeline pipeline, Uri queueEndpoint, string queueName)
    {
        ArgumentNullException.ThrowIfNull(queueEndpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        _pipeline = pipeline;
        Name = queueName;
        Uri = new Uri($"{queueEndpoint.AbsoluteUri.TrimEnd('/')}/{queueName}");
    }

    public string Name { get; }

    public Uri Uri { get; }

    /// <summary>Creates the queue; true when it was created, false when it already existed.</summary>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(RequestMethod.Put, string.Empty, [], null, cancellationToken);
        return response.Status == 201;
    }

    /// <summary>Puts a message (its text is XML-escaped), optionally invisible for <paramref name="visibilityDelay"/> and expiring after <paramref name="timeToLive"/>.</summary>
    public async Task<SentMessage> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var query = new List<(string, string)>();
        if (visibilityDelay is { } delay)
        {
            query.Add(("visibilitytimeout", Seconds(delay)));
        }

        if (timeToLive is { } ttl)
        {
            query.Add(("messagettl", Seconds(ttl)));
        }

        using var response = await SendAsync(RequestMethod.Post, "/messages", query, QueueXml.MessageBody(text), cancellationToken);
        return QueueXml.Messages(response.Content.ToString()).Select(QueueXml.ToSent).Single();
    }

    /// <summary>Gets up to <paramref name="maxMessages"/> (1-32) messages, hiding each for <paramref name="visibilityTimeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, MaxMessagesPerReceive);
        var query = new List<(string, string)>
        {
            ("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture)),
            ("visibilitytimeout", Seconds(visibilityTimeout)),
        };
        using var response = await SendAsync(RequestMethod.Get, "/messages", query, null, cancellationToken);
        return [.. QueueXml.Messages(response.Content.ToString()).Select(QueueXml.ToReceived)];
    }

    /// <summary>Deletes a received message; fails with 404 when the pop receipt is no longer current.</summary>
    public async Task DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(RequestMethod.Delete, MessagePath(messageId), [("popreceipt", popReceipt)], null, cancellationToken);
    }

    /// <summary>Makes a received message visible again after <paramref name="visibilityTimeout"/>; returns the new pop receipt.</summary>
    public async Task<string> UpdateVisibilityAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        var query = new List<(string, string)> { ("popreceipt", popReceipt), ("visibilitytimeout", Seconds(visibilityTimeout)) };
        using var response = await SendAsync(RequestMethod.Put, MessagePath(messageId), query, null, cancellationToken);
        return response.Headers.TryGetValue("x-ms-popreceipt", out var receipt)
            ? receipt!
            : throw new InvalidOperationException("The queue service did not return a new pop receipt.");
    }

    /// <summary>The service's approximate number of messages in the queue (visible or not).</summary>
    public async Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(RequestMethod.Get, string.Empty, [("comp", "metadata")], null, cancellationToken);
        return response.Headers.TryGetValue("x-ms-approximate-messages-count", out var count)
            ? int.Parse(count!, CultureInfo.InvariantCulture)
            : 0;
    }

    private static string MessagePath(string messageId) => "/messages/" + Uri.EscapeDataString(messageId);

    private static string Seconds(TimeSpan value) =>
        ((long)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private async Task<Response> SendAsync(
        RequestMethod method, string path, IReadOnlyList<(string Name, string Value)> query, byte[]? body, CancellationToken cancellationToken)
    {
        var request = _pipeline.CreateRequest();
        request.Method = method;
        request.Uri.Reset(Uri);
        request.Uri.AppendPath(path, escape: false);
        foreach (var (name, value) in query)
        {
            request.Uri.AppendQuery(name, Uri.EscapeDataString(value), escapeValue: false);
        }

        if (body is not null)
        {
            request.Content = RequestContent.Create(body);
            request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
        }

        var response = await _pipeline.SendRequestAsync(request, cancellationToken);
        if (response.Status is >= 200 and < 300)
        {
            return response;
        }

        using (response)
        {
            throw StorageErrors.Create(response);
        }
    }
}
