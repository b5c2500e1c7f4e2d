using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using FanOut.Core.Messages;
using FanOut.SignalR.Connection;
using FanOut.SignalR.Tokens;

namespace FanOut.SignalR.Rest;

/// <summary>
/// The part of Azure SignalR Service's data-plane REST API (2022-06-01) the app uses, on an Azure.Core
/// pipeline (retries; AccessKey JWT or Microsoft Entra bearer token). A non-success answer throws
/// <see cref="RequestFailedException"/>.
/// </summary>
public class SignalRRestClient
{
    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    public SignalRRestClient(SignalRServiceEndpoint endpoint, SignalRRestClientOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= new SignalRRestClientOptions();
        _endpoint = endpoint.ServerEndpoint;
        HttpPipelinePolicy auth = endpoint.AccessKey is { } key
            ? new AccessKeyAuthenticationPolicy(new AccessKeyTokenIssuer(key, time), options.AccessTokenLifetime, time ?? TimeProvider.System)
            : new BearerTokenAuthenticationPolicy(endpoint.Credential!, SignalRRestClientOptions.EntraScope);
        _pipeline = HttpPipelineBuilder.Build(options, [], [auth], new ResponseClassifier());
    }

    /// <summary>For test doubles.</summary>
    protected SignalRRestClient()
    {
        _pipeline = null!;
        _endpoint = null!;
    }

    /// <summary><c>POST /api/hubs/{hub}/:send</c>: every connection of the hub but <paramref name="excluded"/>.</summary>
    public virtual Task SendToHubAsync(string hub, string target, IReadOnlyList<object?> arguments, IEnumerable<string>? excluded = null, CancellationToken cancellationToken = default) =>
        SendAsync(RequestMethod.Post, RestRequestUris.Hub(_endpoint, hub, "/:send", excluded), new PayloadMessage(target, arguments), cancellationToken);

    /// <summary><c>POST /api/hubs/{hub}/groups/{group}/:send</c>: every member of the group but <paramref name="excluded"/>.</summary>
    public virtual Task SendToGroupAsync(string hub, string group, string target, IReadOnlyList<object?> arguments, IEnumerable<string>? excluded = null, CancellationToken cancellationToken = default) =>
        SendAsync(RequestMethod.Post, RestRequestUris.Group(_endpoint, hub, group, "/:send", excluded), new PayloadMessage(target, arguments), cancellationToken);

    /// <summary><c>PUT /api/hubs/{hub}/groups/{group}/connections/{connectionId}</c>.</summary>
    public virtual Task AddToGroupAsync(string hub, string group, string connectionId, CancellationToken cancellationToken = default) =>
        SendAsync(RequestMethod.Put, ConnectionInGroup(hub, group, connectionId), null, cancellationToken);

    /// <summary><c>DELETE /api/hubs/{hub}/groups/{group}/connections/{connectionId}</c>.</summary>
    public virtual Task RemoveFromGroupAsync(string hub, string group, string connectionId, CancellationToken cancellationToken = default) =>
        SendAsync(RequestMethod.Delete, ConnectionInGroup(hub, group, connectionId), null, cancellationToken);

    /// <summary>
    /// <c>POST /api/hubs/{hub}/:generateToken</c> (api-version 2024-12-01): a client access token the service
    /// issues for <paramref name="userId"/>, valid for <paramref name="lifetime"/> (whole minutes).
    /// </summary>
    public virtual async Task<string> GenerateClientTokenAsync(string hub, string? userId, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        var uri = RestRequestUris.GenerateToken(_endpoint, hub, userId, (int)Math.Ceiling(lifetime.TotalMinutes));
        using var document = await SendForJsonAsync(RequestMethod.Post, uri, cancellationToken);
        return document.RootElement.TryGetProperty("token", out var token) && token.GetString() is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("The SignalR service answered :generateToken without a token.");
    }

    /// <summary><c>HEAD /api/health</c>: throws unless the service answers 2xx.</summary>
    public virtual Task CheckHealthAsync(CancellationToken cancellationToken = default) =>
        SendAsync(RequestMethod.Head, RestRequestUris.Health(_endpoint), null, cancellationToken);

    private RequestUriBuilder ConnectionInGroup(string hub, string group, string connectionId) =>
        RestRequestUris.Group(_endpoint, hub, group, "/connections/" + Uri.EscapeDataString(connectionId));

    private async Task<JsonDocument> SendForJsonAsync(RequestMethod method, RequestUriBuilder uri, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri = uri;
        message.BufferResponse = true;
        await _pipeline.SendAsync(message, cancellationToken);
        return message.Response.IsError
            ? throw new RequestFailedException(message.Response)
            : await JsonDocument.ParseAsync(message.Response.ContentStream!, cancellationToken: cancellationToken);
    }

    private async Task SendAsync(RequestMethod method, RequestUriBuilder uri, PayloadMessage? payload, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri = uri;
        if (payload is not null)
        {
            message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
            message.Request.Content = RequestContent.Create(MessageJson.SerializeToUtf8Bytes(payload));
        }

        await _pipeline.SendAsync(message, cancellationToken);
        if (message.Response.IsError)
        {
            throw new RequestFailedException(message.Response);
        }
    }
}
