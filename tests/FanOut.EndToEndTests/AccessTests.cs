using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using FanOut.Testing.LocalHost;
using FanOut.Testing.SignalR;
using Microsoft.IdentityModel.Tokens;

namespace FanOut.EndToEndTests;

/// <summary>Each hub's rules, tried from outside: without, with wrong, expired or other-hub credentials, and past its limits.</summary>
public class AccessTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    private static readonly Dictionary<string, object> Admin = new() { ["roles"] = new[] { "admin" } };
    private static readonly Dictionary<string, object> Publisher = new() { ["roles"] = new[] { "publisher" } };
    private static readonly Dictionary<string, object> TeamRed = new() { ["groups"] = new[] { "team-red" } };

    public static TheoryData<string, string, HttpStatusCode, string> RefusedPublishes() => new()
    {
        { "no credential", "none", HttpStatusCode.Unauthorized, "unauthorized" },
        { "unknown key", "key:not-a-key", HttpStatusCode.Unauthorized, "unauthorized" },
        { "another hub's key", "key:" + AccessFixture.LimitedKey, HttpStatusCode.Unauthorized, "unauthorized" },
        { "signed-in but not a publisher", "jwt:admin", HttpStatusCode.Forbidden, "forbidden" },
        { "expired token", "jwt:expired", HttpStatusCode.Unauthorized, "unauthorized" },
        { "token for another audience", "jwt:audience", HttpStatusCode.Unauthorized, "unauthorized" },
        { "token signed by another key", "jwt:forged", HttpStatusCode.Unauthorized, "unauthorized" },
        { "token from another issuer", "jwt:issuer", HttpStatusCode.Unauthorized, "unauthorized" },
        { "unsigned token (alg none)", "jwt:none", HttpStatusCode.Unauthorized, "unauthorized" },
    };

    [Theory]
    [MemberData(nameof(RefusedPublishes))]
    public async Task Publish_WithoutAValidPublisherCredential_IsRefused_AndNothingIsStored(string because, string credential, HttpStatusCode status, string code)
    {
        var group = LocalHostFixture.UniqueGroup();

        using var response = await SendAsync(HttpMethod.Post, $"/api/hubs/admin/groups/{group}/messages", Bearer(credential), """{"event":"e","data":1}""");

        await AssertProblemAsync(response, status, code, because);
        using var allowed = await SendAsync(HttpMethod.Post, $"/api/hubs/admin/groups/{group}/messages", Bearer("jwt:publisher"), """{"event":"e","data":2}""");
        Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);
        JsonElement messages = default;
        await WaitForAsync(async () =>
        {
            using var history = await SendAsync(HttpMethod.Get, $"/api/hubs/admin/groups/{group}/messages", Bearer("jwt:publisher"));
            messages = (await ReadAsync(history)).GetProperty("messages");
            return messages.GetArrayLength() > 0;
        });
        Assert.Equal("2", Assert.Single(messages.EnumerateArray()).GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task Publish_ToAnUnknownHub_Is404()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/hubs/nosuchhub/groups/g/messages", Bearer("key:" + LocalHostFixture.DevPublisherKey), """{"event":"e"}""");

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "unknown_hub", "unknown hub");
    }

    [Fact]
    public async Task Publish_PastTheHubsRate_Gets429WithRetryAfter()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 7; i++)
        {
            last?.Dispose();
            last = await SendAsync(HttpMethod.Post, "/api/hubs/limited/groups/g/messages", Bearer("key:" + AccessFixture.LimitedKey), $$"""{"event":"e","data":{{i}}}""");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Accepted));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.NotNull(last!.Headers.RetryAfter);
        await AssertProblemAsync(last, HttpStatusCode.TooManyRequests, "rate_limited", "rate");
    }

    [Theory]
    [InlineData("none", HttpStatusCode.Unauthorized)]
    [InlineData("jwt:plain", HttpStatusCode.Forbidden)]
    [InlineData("jwt:expired", HttpStatusCode.Unauthorized)]
    public async Task Negotiate_ForTheAdminHub_NeedsASignedInAdmin(string credential, HttpStatusCode status)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/hubs/admin/negotiate", Bearer(credential));

        Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public async Task Admin_ConnectsAsItsSubject_JoinsWhatThePolicyAllows_AndNothingElse()
    {
        await using var admin = await ConnectAsync("admin", fixture.Identity.CreateToken("ada", Admin), "note");

        await admin.JoinAsync("ops");
        var refused = await Assert.ThrowsAsync<NodeSignalRInvocationException>(() => admin.JoinAsync("finance"));
        using var publish = await SendAsync(HttpMethod.Post, "/api/hubs/admin/groups/ops/messages", Bearer("jwt:publisher"), """{"event":"note","data":"to ops"}""");

        Assert.Contains("forbidden:", refused.ServerMessage, StringComparison.Ordinal);
        var received = await admin.WaitForMessageAsync("note");
        Assert.Equal("to ops", received.Arg0.GetProperty("data").GetString());
    }

    [Fact]
    public async Task TenantPattern_LetsUsersJoinTheirOwnGroupAndClaimedGroups_NotOthers()
    {
        var token = fixture.Identity.CreateToken("tom", TeamRed);
        await using var tom = await ConnectAsync("tenant_acme", token);

        await tom.JoinAsync("user-tom");
        var other = await Assert.ThrowsAsync<NodeSignalRInvocationException>(() => tom.JoinAsync("user-ann"));

        // The groups claim is in the caller's token, which the app sees over HTTP (a connection carries only its user id).
        using var claimed = await SendAsync(HttpMethod.Put, "/api/hubs/tenant_acme/groups/team-red/users/me", token);
        using var unclaimed = await SendAsync(HttpMethod.Put, "/api/hubs/tenant_acme/groups/team-blue/users/me", token);

        Assert.Contains("forbidden:", other.ServerMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, claimed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unclaimed.StatusCode);
    }

    [Fact]
    public async Task ExactHubEntry_WinsOverAMatchingPattern()
    {
        using var anonymousVip = await SendAsync(HttpMethod.Post, "/api/hubs/tenant_vip/negotiate", null);
        using var anonymousOther = await SendAsync(HttpMethod.Post, "/api/hubs/tenant_acme/negotiate", null);

        Assert.Equal(HttpStatusCode.OK, anonymousVip.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousOther.StatusCode);
    }

    [Fact]
    public async Task SpoofedAppServicePrincipal_IsIgnoredWhenAppServiceAuthenticationIsOff()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/hubs/easyauth/negotiate", UriKind.Relative));
        var principal = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"auth_typ":"aad","claims":[{"typ":"sub","val":"mallory"}]}"""));
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL-ID", "mallory");

        using var response = await fixture.AnonymousHttp.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SignedInUser_JoinsAsItselfOverHttp_ButNotOthers_WhilePublishersMayAddAnyone()
    {
        var tom = Bearer("jwt:tom");
        using var self = await SendAsync(HttpMethod.Put, "/api/hubs/tenant_acme/groups/user-tom/users/me", tom);
        using var sameByName = await SendAsync(HttpMethod.Put, "/api/hubs/tenant_acme/groups/user-tom/users/tom", tom);
        using var other = await SendAsync(HttpMethod.Put, "/api/hubs/tenant_acme/groups/user-ann/users/ann", tom);
        using var anonymous = await SendAsync(HttpMethod.Put, "/api/hubs/tenant_acme/groups/user-tom/users/me", null);
        using var byPublisher = await SendAsync(HttpMethod.Put, "/api/hubs/chat/groups/anywhere/users/someone", Bearer("key:" + LocalHostFixture.DevPublisherKey));
        using var connectionByUser = await SendAsync(HttpMethod.Put, "/api/hubs/tenant_acme/groups/user-tom/connections/abc", tom);

        Assert.Equal(HttpStatusCode.NoContent, self.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, sameByName.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byPublisher.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, connectionByUser.StatusCode);
    }

    [Fact]
    public async Task History_IsForMembersOrPublishers_UnlessTheHubSaysAnyone()
    {
        var group = LocalHostFixture.UniqueGroup();
        await using var member = await fixture.ConnectAsync("chat", "member-1");
        await member.JoinAsync(group);

        using var anonymous = await SendAsync(HttpMethod.Get, $"/api/hubs/chat/groups/{group}/messages", null);
        var memberPage = await member.InvokeAsync("history", new { group });
        using var publisher = await SendAsync(HttpMethod.Get, $"/api/hubs/chat/groups/{group}/messages", Bearer("key:" + LocalHostFixture.DevPublisherKey));
        using var news = await SendAsync(HttpMethod.Get, $"/api/hubs/news/groups/{group}/messages", null);
        await using var outsider = await fixture.ConnectAsync("chat", "outsider-1");
        var refused = await Assert.ThrowsAsync<NodeSignalRInvocationException>(() => outsider.InvokeAsync("history", new { group }));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(JsonValueKind.Array, memberPage.GetProperty("messages").ValueKind);
        Assert.Equal(HttpStatusCode.OK, publisher.StatusCode);
        Assert.Equal(HttpStatusCode.OK, news.StatusCode);
        Assert.Contains("forbidden:", refused.ServerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedUpstreamCall_IsRefused_AndJoinsNothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/upstream/chat/messages/join", UriKind.Relative))
        {
            Content = new StringContent("""{"type":1,"invocationId":"1","target":"join","arguments":["secret"]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-ASRS-Connection-Id", "c1");
        request.Headers.Add("X-ASRS-User-Id", "mallory");
        request.Headers.Add("X-ASRS-Signature", "sha256=" + Convert.ToHexString(HMACSHA256.HashData("wrong-key"u8, "c1"u8)));

        using var response = await fixture.AnonymousHttp.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private Task<NodeSignalRClient> ConnectAsync(string hub, string token, params string[] targets) =>
        NodeSignalRClient.StartAsync(NodeSignalRClientOptions.ForAppNegotiate(fixture.Host.BaseUrl, hub, null, targets) with { AccessToken = token });

    private string? Bearer(string credential) => credential switch
    {
        "none" => null,
        _ when credential.StartsWith("key:", StringComparison.Ordinal) => credential[4..],
        "jwt:admin" => fixture.Identity.CreateToken("ada", Admin),
        "jwt:publisher" => fixture.Identity.CreateToken("pub", Publisher),
        "jwt:plain" => fixture.Identity.CreateToken("joe"),
        "jwt:tom" => fixture.Identity.CreateToken("tom"),
        "jwt:expired" => fixture.Identity.CreateToken("pub", Publisher, expiresIn: TimeSpan.FromMinutes(-5)),
        "jwt:audience" => fixture.Identity.CreateToken("pub", Publisher, audience: "api://someone-else"),
        "jwt:forged" => fixture.Identity.CreateToken("pub", Publisher, signingKey: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "forged" }),
        "jwt:issuer" => fixture.Identity.CreateToken("pub", Publisher, issuer: "http://evil.example"),
        "jwt:none" => fixture.Identity.CreateUnsignedToken("pub", Publisher),
        _ => throw new ArgumentOutOfRangeException(nameof(credential)),
    };

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await fixture.AnonymousHttp.SendAsync(request);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out.");
            await Task.Delay(50);
        }
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string because)
    {
        Assert.True(status == response.StatusCode, $"{because}: expected {status}, got {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (await ReadAsync(response)).GetProperty("code").GetString());
    }
}
