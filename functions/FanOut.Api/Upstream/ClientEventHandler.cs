using System.Text.Json;
using FanOut.Api.Access;
using FanOut.Core;
using FanOut.Core.Access;
using FanOut.Core.History;
using FanOut.Core.Messages;
using FanOut.Core.Membership;
using FanOut.Core.Publishing;
using FanOut.Core.Rooms;
using FanOut.Core.Validation;
using Microsoft.Extensions.Options;

namespace FanOut.Api.Upstream;

/// <summary>
/// What connected clients can do by invoking methods on their connection (client events, forwarded by the
/// SignalR service): <c>join</c> and <c>leave</c> a group as their user, <c>publish</c> to a group, read a
/// group's <c>history</c>. Each is checked by the hub's policy like its HTTP counterpart; the identity is
/// the one the service vouches for. The client awaits the answer, like a Socket.IO acknowledgement.
/// </summary>
public sealed class ClientEventHandler(
    HubAccess access,
    HubEvents hubEvents,
    PublishRateLimiter limiter,
    IGroupMembership membership,
    Publisher publisher,
    HistoryQuery history,
    IOptions<FanOutOptions> options)
{
    /// <summary>The most messages one <c>history</c> call returns (an invocation's answer should stay small).</summary>
    public const int MaxHistoryPage = 100;

    public async Task<(object? Result, Rejection? Error)> InvokeAsync(HubPolicy policy, Caller client, UpstreamInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(invocation);
        // The hub's body limit, as on the HTTP routes (plus room for the invocation's own members).
        var maxBytes = policy.Options.Limits.MaxBodyBytes ?? options.Value.MaxBodyBytes;
        if (invocation.Argument.Length > maxBytes + 1024)
        {
            return (null, new Rejection(RejectionCodes.PayloadTooLarge, $"An invocation is limited to {maxBytes} bytes."));
        }

        using var argument = ParseArgument(invocation.Argument);
        var method = invocation.Target.ToLowerInvariant();
        var group = argument?.RootElement.ValueKind == JsonValueKind.String ? argument.RootElement.GetString() : Member(argument, "group");
        var groups = method == "publish" && argument?.RootElement.ValueKind == JsonValueKind.Object && argument.RootElement.TryGetProperty("groups", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(g => g.ValueKind == JsonValueKind.String ? g.GetString()! : string.Empty)]
            : group is null ? [] : new List<string> { group };
        var invalid = method is "history" ? Streams.Check(group) : groups.Count == 0 ? NameRules.CheckGroup(null) : groups.Select(NameRules.CheckGroup).FirstOrDefault(r => r is not null);
        if (invalid is not null)
        {
            return (null, invalid);
        }

        return method switch
        {
            "join" => await JoinAsync(policy, client, group!, cancellationToken),
            "leave" => await LeaveAsync(policy, client, group!, cancellationToken),
            "publish" => await PublishAsync(policy, client, groups, invocation.Argument, argument!.RootElement, cancellationToken),
            "history" => await HistoryAsync(policy, client, group!, argument!.RootElement, cancellationToken),
            "presence" => await PresenceAsync(policy, client, group!, cancellationToken),
            _ => (null, new Rejection(RejectionCodes.NotFound, $"There is no client method '{invocation.Target}' (join, leave, publish, history, presence).")),
        };
    }

    private async Task<(object?, Rejection?)> JoinAsync(HubPolicy policy, Caller client, string group, CancellationToken cancellationToken)
    {
        if (await access.CheckJoinAsync(policy, client, group, cancellationToken) is { } denied)
        {
            return (null, denied);
        }

        await membership.AddUserAsync(policy.Hub, group, client.UserId!, cancellationToken);
        await hubEvents.JoinedAsync(policy.Hub, group, client.UserId!, cancellationToken);
        return (new { group }, null);
    }

    private async Task<(object?, Rejection?)> LeaveAsync(HubPolicy policy, Caller client, string group, CancellationToken cancellationToken)
    {
        await membership.RemoveUserAsync(policy.Hub, group, client.UserId!, cancellationToken);
        await hubEvents.LeftAsync(policy.Hub, group, client.UserId!, cancellationToken);
        return (new { group }, null);
    }

    /// <summary><c>presence({group})</c>: who is in the group and online, for whom may read its history.</summary>
    private async Task<(object?, Rejection?)> PresenceAsync(HubPolicy policy, Caller client, string group, CancellationToken cancellationToken)
    {
        var isMember = HubAccess.NeedsMembership(policy, client) && await membership.IsUserInGroupAsync(policy.Hub, group, client.UserId!, cancellationToken);
        if (await access.CheckHistoryAsync(policy, client, group, isMember, cancellationToken) is { } denied)
        {
            return (null, denied);
        }

        return (new { group, users = await hubEvents.PresenceAsync(policy.Hub, group, cancellationToken) }, null);
    }

    /// <summary>
    /// <c>publish({group | groups, event, data, exceptSelf?, idempotencyKey?})</c>: to groups the client is a member of;
    /// <c>exceptSelf: true</c> leaves out the sending connection (Socket.IO's <c>socket.to(room).emit</c>).
    /// </summary>
    private async Task<(object?, Rejection?)> PublishAsync(
        HubPolicy policy, Caller client, IReadOnlyList<string> groups, ReadOnlyMemory<byte> argument, JsonElement request, CancellationToken cancellationToken)
    {
        foreach (var group in groups)
        {
            if (!await membership.IsUserInGroupAsync(policy.Hub, group, client.UserId!, cancellationToken))
            {
                return (null, HubAccess.Forbidden(policy.Hub, $"publish to group '{group}' without being a member"));
            }

            if (await access.CheckPublishAsync(policy, client, group, cancellationToken) is { } denied)
            {
                return (null, denied);
            }
        }

        if (limiter.TryAcquire(policy, client) is { } limited)
        {
            return (null, limited);
        }

        var (body, invalid) = PublishBody.Parse(argument);
        if (body is null)
        {
            return (null, invalid);
        }

        var exceptSelf = request.TryGetProperty("exceptSelf", out var self) && self.ValueKind == JsonValueKind.True;
        var command = new PublishCommand(policy.Hub, groups, body.Event, body.Data, Member(request, "idempotencyKey"))
        {
            Except = exceptSelf && client.ConnectionId is { } connection ? [connection] : null,
        };
        var result = await publisher.PublishAsync(command, cancellationToken);
        return result.Accepted is { } receipt ? (receipt, null) : (null, result.Rejected);
    }

    private async Task<(object?, Rejection?)> HistoryAsync(HubPolicy policy, Caller client, string group, JsonElement request, CancellationToken cancellationToken)
    {
        var isMember = HubAccess.NeedsMembership(policy, client) && await membership.IsUserInGroupAsync(policy.Hub, group, client.UserId!, cancellationToken);
        if (await access.CheckHistoryAsync(policy, client, group, isMember, cancellationToken) is { } denied)
        {
            return (null, denied);
        }

        var after = request.TryGetProperty("after", out var a) && a.TryGetInt64(out var offset) ? offset : 0;
        var limit = request.TryGetProperty("limit", out var l) && l.TryGetInt32(out var n) ? Math.Min(n, MaxHistoryPage) : MaxHistoryPage;
        var (page, rejected) = await history.ReadAsync(policy.Hub, group, after, limit, cancellationToken);
        return page is null ? (null, rejected) : (new History.HistoryResponse(page.Epoch, page.Messages, page.Next), null);
    }

    private static JsonDocument? ParseArgument(ReadOnlyMemory<byte> argument)
    {
        try
        {
            return JsonDocument.Parse(argument, new JsonDocumentOptions { MaxDepth = Core.Messages.JsonBodyInspector.MaxDepth + 1 });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Member(JsonDocument? document, string name) => document is null ? null : Member(document.RootElement, name);

    private static string? Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
