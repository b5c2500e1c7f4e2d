using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FanOut.SignalR.Upstream;
using Microsoft.AspNetCore.SignalR;

namespace FanOut.LocalHost.SignalRService.Upstream;

/// <summary>
/// The stand-in's upstream calls, as Azure SignalR Service makes them in serverless mode: a POST to the
/// URL template with <c>{hub}</c>, <c>{category}</c> and <c>{event}</c> filled in, the <c>X-ASRS-*</c>
/// headers and the signature. Connection events carry <c>{"type":10}</c> / <c>{"type":11,"error":...}</c>;
/// an invocation carries the client's invocation message, and the app's answer is a completion message
/// whose result (or error) goes back to the client.
/// </summary>
public sealed partial class UpstreamClient(HttpClient http, SignalRStandInOptions options, ILogger<UpstreamClient> logger)
{
    private const char RecordSeparator = '\u001e';

    public async Task SendConnectionEventAsync(string hub, string connectionId, string? userId, string @event, string? error)
    {
        if (options.UpstreamUrlTemplate is null)
        {
            return;
        }

        var body = @event == "connected" ? """{"type":10}""" : JsonSerializer.Serialize(new { type = 11, error });
        try
        {
            using var request = Create(hub, UpstreamHeaders.ConnectionsCategory, @event, connectionId, userId, body);
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                LogEventRefused(logger, @event, connectionId, (int)response.StatusCode);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // Azure SignalR does not promise every connection event either; the app sweeps.
            LogEventFailed(logger, ex, @event, connectionId);
        }
    }

    /// <summary>Forwards a client invocation and returns the app's result, or throws <see cref="HubException"/> with its error.</summary>
    public async Task<JsonElement?> InvokeAsync(string hub, string connectionId, string? userId, string target, IReadOnlyList<JsonElement> arguments, CancellationToken cancellationToken)
    {
        if (options.UpstreamUrlTemplate is null)
        {
            throw new HubException($"No upstream is configured to handle '{target}'.");
        }

        var invocationId = Guid.NewGuid().ToString("N");
        var body = JsonSerializer.Serialize(new { type = 1, invocationId, target, arguments });
        using var request = Create(hub, UpstreamHeaders.MessagesCategory, target, connectionId, userId, body);
        using var response = await http.SendAsync(request, cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HubException($"Invocation failed, status code {(int)response.StatusCode}");
        }

        if (string.IsNullOrWhiteSpace(answer))
        {
            return null;
        }

        using var completion = JsonDocument.Parse(answer.TrimEnd(RecordSeparator));
        if (completion.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
        {
            throw new HubException(error.GetString());
        }

        return completion.RootElement.TryGetProperty("result", out var result) ? result.Clone() : null;
    }

    private HttpRequestMessage Create(string hub, string category, string @event, string connectionId, string? userId, string body)
    {
        var url = options.UpstreamUrlTemplate!
            .Replace("{hub}", Uri.EscapeDataString(hub), StringComparison.Ordinal)
            .Replace("{category}", category, StringComparison.Ordinal)
            .Replace("{event}", Uri.EscapeDataString(@event), StringComparison.Ordinal);
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(UpstreamHeaders.ConnectionId, connectionId);
        request.Headers.Add(UpstreamHeaders.Hub, hub);
        request.Headers.Add(UpstreamHeaders.Category, category);
        request.Headers.Add(UpstreamHeaders.Event, @event);
        if (userId is not null)
        {
            request.Headers.Add(UpstreamHeaders.UserId, userId);
        }

        request.Headers.Add(UpstreamSignature.Header, UpstreamSignature.Create(options.AccessKey, connectionId));
        return request;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream refused the {Event} event of connection {ConnectionId} with {Status}")]
    private static partial void LogEventRefused(ILogger logger, string @event, string connectionId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream did not take the {Event} event of connection {ConnectionId}")]
    private static partial void LogEventFailed(ILogger logger, Exception error, string @event, string connectionId);
}
