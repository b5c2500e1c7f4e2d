using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using FanOut.Core.Messages;
using FanOut.SignalR.Connection;
using FanOut.SignalR.Tokens;
using static FanOut.SignalR.Rest.RestRequestUris;

namespace FanOut.SignalR.Rest;

/// <summary>
/// The part of Azure SignalR Service's data-plane REST API the app uses (2022-06-01; <c>:generateToken</c>
/// from 2024-12-01), on an Azure.Core pipeline (retries; AccessKey JWT or Microsoft Entra bearer token).
/// A non-success answer throws <see cref="RequestFailedException"/>.
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
        SendAsync(RequestMethod.Post, Hub(_endpoint, hub, [":send"], Excluded(excluded)), new PayloadMessage(target, arguments), cancellationToken);

    /// <summary><c>POST /api/hubs/{hub}/groups/{group}/:send</c>: every member of the group but <paramref name="excluded"/>.</summary>
    public virtual Task SendToGroupAsync(string hub, string group, string target, IReadOnlyList<object?> arguments, IEnumerable<string>? excluded = null, CancellationToken cancellationToken = default) =>
        SendAsync(RequestMethod.Post, Hub(_endpoint, hub, ["groups", Name(group), ":send"], Excluded(excluded)), new PayloadMessage(target, arguments), cancellationToken);

    /// <summary><c>POST /api/hubs/{hub}/users/{user}/:send</c>: every connection of the user.</summary>
    public virtual Task SendToUserAsync(string hub, string userId, string target, IReadOnlyList<object?> arguments, CancellationToken cancellationToken = default) =>
        SendAsync(RequestMethod.Post, Hub(_endpoint, hub, ["users", Name(userId), ":send"]), new PayloadMessage(target, arguments), cancellationToken);

    /// <summary><c>POST /api/hubs/{hub}/connections/{connectionId}/:send</c>.</summary>
    public virtual Task SendToConnectionAsync(string hub, string connectionId, string target, IReadOnlyList<object?> arguments, CancellationToken cancellationToken = default) =>
        SendAsync(RequestMethod.Post, Hub(_endpoint, hub, ["connections", Name(connectionId), ":send"]), new PayloadMessage(target, arguments), cancellationToken);

    /// <summary><c>PUT /api/hubs/{hub}/groups/{group}/connections/{connectionId}</c> (404 for a connection the service does not have).</summary>
    public virtual Task AddConnectionToGroupAsync(string hub, string group, string connectionId, CancellationToken cancellationToken = default) =>
        SendAsync(RequestMethod.Put, Hub(_endpoint, hub, ["groups", Name(group), "connections", Name(connectionId)]), null, cancellationToken);

    /// <summary><c>DELETE /api/hubs/{hub}/groups/{group}/connections/{connectionId}</c>.</summary>
    public virtual Task RemoveConnectionFromGroupAsync(string hub, string group, string connectionId, CancellationToken cancellationToken = default) =>
        SendAsync(RequestMethod.Delete, Hub(_endpoint, hub, ["groups", Name(group), "connections", Name(connectionId)]), null, cancellationToken);

    /// <summary>
    /// <c>PUT /api/hubs/{hub}/users/{user}/groups/{group}</c>: the user's connections, now and later, are in the
    /// group (until removed, or <paramref name="ttl"/> passes).
    /// </summary>
    public virtual Task AddUserToGroupAsync(string hub, string group, string userId, TimeSpan? ttl = null, CancellationToken cancellationToken = default) =>
        SendAsync(RequestMethod.Put, Hub(_endpoint, hub, ["users", Name(userId), "groups", Name(group)],
            ttl is { } t ? [("ttl", ((long)t.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture))] : null), null, cancellationToken);

    /// <summary><c>DELETE /api/hubs/{hub}/users/{user}/groups/{group}</c>.</summary>
    public virtual Task RemoveUserFromGroupAsync(string hub, string group, string userId, CancellationToken cancellationToken = default) =>
        SendAsync(RequestMethod.Delete, Hub(_endpoint, hub, ["users", Name(userId), "groups", Name(group)]), null, cancellationToken);

    /// <summary><c>HEAD /api/hubs/{hub}/users/{user}/groups/{group}</c>: 200 when the user is in the group, 404 when not.</summary>
    public virtual Task<bool> IsUserInGroupAsync(string hub, string group, string userId, CancellationToken cancellationToken = default) =>
        ExistsAsync(Hub(_endpoint, hub, ["users", Name(userId), "groups", Name(group)]), cancellationToken);

    /// <summary><c>HEAD /api/hubs/{hub}/connections/{connectionId}</c>: 200 when it is connected, 404 when not.</summary>
    public virtual Task<bool> ConnectionExistsAsync(string hub, string connectionId, CancellationToken cancellationToken = default) =>
        ExistsAsync(Hub(_endpoint, hub, ["connections", Name(connectionId)]), cancellationToken);

    /// <summary>
    /// <c>POST /api/hubs/{hub}/:generateToken</c> (api-version 2024-12-01): a client access token the service
    /// issues for <paramref name="userId"/>, valid for <paramref name="lifetime"/> (whole minutes).
    /// </summary>
    public virtual async Task<string> GenerateClientTokenAsync(string hub, string? userId, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        List<(string, string)> query = [("minutesToExpire", Minutes(lifetime))];
        if (userId is not null)
        {
            query.Add(("userId", userId));
        }

        using var message = await SendCoreAsync(RequestMethod.Post, Hub(_endpoint, hub, [":generateToken"], query, SignalRRestClientOptions.TokenApiVersion), null, cancellationToken);
        using var document = await JsonDocument.ParseAsync(message.Response.ContentStream!, cancellationToken: cancellationToken);
        return document.RootElement.TryGetProperty("token", out var token) && token.GetString() is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("The SignalR service answered :generateToken without a token.");
    }

    /// <summary><c>HEAD /api/health</c>: throws unless the service answers 2xx.</summary>
    public virtual Task CheckHealthAsync(CancellationToken cancellationToken = default) =>
        SendAsync(RequestMethod.Head, RestRequestUris.Health(_endpoint), null, cancellationToken);

    private async Task SendAsync(RequestMethod method, RequestUriBuilder uri, PayloadMessage? payload, CancellationToken cancellationToken)
    {
        using var message = await SendCoreAsync(method, uri, payload, cancellationToken);
    }

    private async Task<bool> ExistsAsync(RequestUriBuilder uri, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Head;
        message.Request.Uri = uri;
        await _pipeline.SendAsync(message, cancellationToken);
        return message.Response.Status switch
        {
            404 => false,
            _ when message.Response.IsError => throw new RequestFailedException(message.Response),
            _ => true,
        };
    }

    private async Task<HttpMessage> SendCoreAsync(RequestMethod method, RequestUriBuilder uri, PayloadMessage? payload, CancellationToken cancellationToken)
    {
        var message = _pipeline.CreateMessage();
        try
        {
            message.Request.Method = method;
            message.Request.Uri = uri;
            message.BufferResponse = true;
            if (payload is not null)
            {
                message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
                message.Request.Content = RequestContent.Create(MessageJson.SerializeToUtf8Bytes(payload));
            }

            await _pipeline.SendAsync(message, cancellationToken);
            return message.Response.IsError ? throw new RequestFailedException(message.Response) : message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }
}
