using FanOut.LocalHost.SignalRService;
using FanOut.LocalHost.SignalRService.Rest;
using Microsoft.AspNetCore.Http;

namespace FanOut.UnitTests.SignalR;

public class StandInAudienceRulesTests
{
    [Theory]
    [InlineData("http://localhost:7071/api/hubs/chat/:send", true)]
    [InlineData("https://127.0.0.1/api/hubs/CHAT/:send/", true)]
    [InlineData("http://localhost:7071/api/hubs/chat/:send?api-version=2022-06-01", true)]
    [InlineData("http://localhost:7071/api/hubs/other/:send", false)]
    [InlineData("http://example.com:7071/api/hubs/chat/:send", false)]
    [InlineData("/api/hubs/chat/:send", false)]
    public void RestAudience_MatchesPathAndLoopbackHostButNotPort(string audience, bool valid)
    {
        Assert.Equal(valid, AudienceRules.IsRestAudience(audience, Request("/api/hubs/chat/:send", "?api-version=2022-06-01")));
    }

    [Theory]
    [InlineData("http://localhost:7071/client/?hub=chat", true)]
    [InlineData("http://127.0.0.1:5000/client?hub=Chat", true)]
    [InlineData("http://localhost:7071/client/?hub=other", false)]
    [InlineData("http://localhost:7071/client/", false)]
    [InlineData("http://localhost:7071/api/hubs/chat", false)]
    public void ClientAudience_MatchesClientPathHubAndLoopbackHost(string audience, bool valid)
    {
        Assert.Equal(valid, AudienceRules.IsClientAudience(audience, "chat", Request("/client/negotiate", "?hub=chat")));
    }

    [Theory]
    [InlineData("/api/health", nameof(RestOperation.Health), null, null, null, null)]
    [InlineData("/api/hubs/chat/:send", nameof(RestOperation.SendToHub), "chat", null, null, null)]
    [InlineData("/api/hubs/chat/groups/room/:send", nameof(RestOperation.SendToGroup), "chat", "room", null, null)]
    [InlineData("/api/hubs/chat/groups/room/connections/c1/", nameof(RestOperation.GroupConnection), "chat", "room", "c1", null)]
    [InlineData("/api/hubs/chat/users/u%401/groups/room", nameof(RestOperation.UserGroup), "chat", "room", null, "u@1")]
    [InlineData("/api/hubs/chat/users/u1/:send", nameof(RestOperation.SendToUser), "chat", null, null, "u1")]
    [InlineData("/api/hubs/chat/:generateToken", nameof(RestOperation.GenerateToken), "chat", null, null, null)]
    public void RestRoute_ParsesTheServedOperations(string path, string operation, string? hub, string? group, string? connectionId, string? userId)
    {
        Assert.Equal(new RestRoute(Enum.Parse<RestOperation>(operation), hub, group, connectionId, userId), RestRoute.Parse(path));
    }

    [Theory]
    [InlineData("/api/hubs/chat/users/u1/:close")]
    [InlineData("/api/hubs/chat")]
    public void RestRoute_UnknownPath_IsNull(string path)
    {
        Assert.Null(RestRoute.Parse(path));
    }

    private static HttpRequest Request(string path, string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Host = new HostString("127.0.0.1", 54321);
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        return context.Request;
    }
}
