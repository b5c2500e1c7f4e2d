using FanOut.Core.Access;
using FanOut.Core.Validation;

namespace FanOut.UnitTests.Access;

public class HubAccessTests
{
    private static readonly HubPolicy Chat = new("chat", "chat", new HubPolicyOptions
    {
        Publish = { Members = true },
        Connect = { Anonymous = true, UserIdFromQuery = true },
        Join = { Groups = ["room-*", "user-{userId}"] },
    });

    private static readonly HubPolicy Admin = new("admin", "admin", new HubPolicyOptions
    {
        Publish = { Jwt = true, Claims = { ["roles"] = "publisher" } },
        Connect = { Jwt = true, Claims = { ["roles"] = "admin" } },
        History = { Readers = HistoryReaders.Publishers },
    });

    private static Caller Jwt(string sub, params string[] roles) =>
        new(CallerKind.JwtUser, sub, Claims: new Dictionary<string, IReadOnlyList<string>> { ["sub"] = [sub], ["roles"] = roles });

    [Fact]
    public async Task Connect_Anonymously_GetsARandomUserId_AndAQueryUserIdOnlyInDevelopment()
    {
        var access = new HubAccess([]);

        var (random, _) = await access.CheckConnectAsync(Chat, Caller.Anonymous, "ann", isDevelopment: false, default);
        var (chosen, _) = await access.CheckConnectAsync(Chat, Caller.Anonymous, "ann", isDevelopment: true, default);

        Assert.StartsWith("anon-", random, StringComparison.Ordinal);
        Assert.Equal("ann", chosen);
    }

    [Fact]
    public async Task Connect_ToAnAuthenticatedHub_NeedsTheClaims_AndTheUserIsTheSubject()
    {
        var access = new HubAccess([]);

        var (_, anonymous) = await access.CheckConnectAsync(Admin, Caller.Anonymous, null, false, default);
        var (_, plain) = await access.CheckConnectAsync(Admin, Jwt("joe"), null, false, default);
        var (user, _) = await access.CheckConnectAsync(Admin, Jwt("ada", "admin"), "someone-else", false, default);

        Assert.Equal(RejectionCodes.Unauthorized, anonymous?.Code);
        Assert.Equal(RejectionCodes.Forbidden, plain?.Code);
        Assert.Equal("ada", user);
    }

    [Theory]
    [InlineData("room-7", "u1", true)]
    [InlineData("user-u1", "u1", true)]
    [InlineData("user-u2", "u1", false)]
    [InlineData("lobby", "u1", false)]
    [InlineData("user-BOB", "bob", false)]
    [InlineData("ROOM-7", "u1", false)]
    public async Task Join_FollowsTheHubsPatterns_WithTheCallersUserId(string group, string userId, bool allowed)
    {
        var decision = await new HubAccess([]).CheckJoinAsync(Chat, new Caller(CallerKind.Connection, userId), group, default);

        Assert.Equal(allowed, decision is null);
    }

    [Fact]
    public async Task Publish_ByAJwtPublisherOrAMember_IsAllowed_ByOthersRefused()
    {
        var access = new HubAccess([]);

        Assert.Null(await access.CheckPublishAsync(Admin, Jwt("p", "publisher"), "g", default));
        Assert.Equal(RejectionCodes.Forbidden, (await access.CheckPublishAsync(Admin, Jwt("a", "admin"), "g", default))?.Code);
        Assert.Null(await access.CheckPublishAsync(Chat, new Caller(CallerKind.Connection, "u"), "g", default));
        Assert.Equal(RejectionCodes.Unauthorized, (await access.CheckPublishAsync(Chat, Caller.Anonymous, "g", default))?.Code);
        Assert.Null(await access.CheckPublishAsync(Chat, Caller.Publisher("dev"), "g", default));
    }

    [Fact]
    public async Task History_ForPublishersOnly_RefusesMembers()
    {
        var access = new HubAccess([]);

        Assert.Equal(RejectionCodes.Forbidden, (await access.CheckHistoryAsync(Admin, Jwt("a", "admin"), "g", isMember: true, default))?.Code);
        Assert.Null(await access.CheckHistoryAsync(Admin, Jwt("p", "publisher"), "g", isMember: false, default));
    }

    [Fact]
    public async Task CodeRule_ForMatchingHubs_RunsAfterThePolicyAndMayRefuse()
    {
        var seen = new List<HubRequest>();
        var rule = new HubRule("ch*", (request, _) =>
        {
            seen.Add(request);
            return ValueTask.FromResult(request.Group == "closed" ? new Rejection(RejectionCodes.Forbidden, "closed for today") : null);
        });
        var access = new HubAccess([rule]);

        var open = await access.CheckJoinAsync(Chat, new Caller(CallerKind.Connection, "u"), "room-1", default);
        var closed = await access.CheckPublishAsync(Chat, new Caller(CallerKind.Connection, "u"), "closed", default);
        var otherHub = await access.CheckPublishAsync(Admin, Jwt("p", "publisher"), "closed", default);
        var refusedFirst = await access.CheckJoinAsync(Chat, new Caller(CallerKind.Connection, "u"), "lobby", default);

        Assert.Null(open);
        Assert.Equal("closed for today", closed?.Detail);
        Assert.Null(otherHub);
        Assert.Equal(RejectionCodes.Forbidden, refusedFirst?.Code);
        Assert.Equal([HubOperation.Join, HubOperation.Publish], seen.Select(r => r.Operation));
    }

    [Theory]
    [InlineData("sha256:8d969eef6ecad3c29a3a629280e686cf0c3f5d5a86aff3ca12020c923adc6c92", "123456", true)]
    [InlineData("sha256:8D969EEF6ECAD3C29A3A629280E686CF0C3F5D5A86AFF3CA12020C923ADC6C92", "123456", true)]
    [InlineData("plain-secret-from-key-vault", "plain-secret-from-key-vault", true)]
    [InlineData("sha256:8d969eef6ecad3c29a3a629280e686cf0c3f5d5a86aff3ca12020c923adc6c92", "1234567", false)]
    [InlineData("plain-secret-from-key-vault", "plain-secret", false)]
    public void PublisherKeys_MatchHashesAndPlainValues(string configured, string presented, bool matches) =>
        Assert.Equal(matches ? "k" : null, PublisherKeys.Match(new Dictionary<string, string> { ["k"] = configured }, presented));

    [Fact]
    public void PublisherKeys_DuringRotation_BothKeysWork()
    {
        var keys = new Dictionary<string, string> { ["old"] = PublisherKeys.Hash("old-key"), ["new"] = PublisherKeys.Hash("new-key") };

        Assert.Equal("old", PublisherKeys.Match(keys, "old-key"));
        Assert.Equal("new", PublisherKeys.Match(keys, "new-key"));
    }
}
