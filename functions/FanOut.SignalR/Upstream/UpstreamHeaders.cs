namespace FanOut.SignalR.Upstream;

/// <summary>The headers of Azure SignalR Service's serverless upstream requests.</summary>
public static class UpstreamHeaders
{
    public const string ConnectionId = "X-ASRS-Connection-Id";
    public const string Hub = "X-ASRS-Hub";
    public const string Category = "X-ASRS-Category";
    public const string Event = "X-ASRS-Event";
    public const string UserId = "X-ASRS-User-Id";
    public const string UserClaims = "X-ASRS-User-Claims";

    /// <summary>The <c>{category}</c> of connection lifetime events (<c>connected</c>, <c>disconnected</c>).</summary>
    public const string ConnectionsCategory = "connections";

    /// <summary>The <c>{category}</c> of client invocations (the event is the invoked method).</summary>
    public const string MessagesCategory = "messages";
}
