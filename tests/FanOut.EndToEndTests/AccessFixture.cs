using FanOut.Core.Access;
using FanOut.Testing.Identity;
using FanOut.Testing.LocalHost;

namespace FanOut.EndToEndTests;

/// <summary>
/// The local host with hubs that need credentials, and a real OpenID Connect issuer for them:
/// <list type="bullet">
/// <item><c>admin</c>: signed-in users with role <c>admin</c> connect and may join <c>ops</c>; JWTs with role <c>publisher</c> publish;</item>
/// <item><c>tenant_*</c> (a pattern): signed-in users join only <c>user-{userId}</c> and what their <c>groups</c> claim lists;</item>
/// <item><c>tenant_vip</c>: an exact entry that wins over the pattern (anonymous clients welcome);</item>
/// <item><c>limited</c>: its own publisher key, 5 publishes a minute;</item>
/// <item><c>easyauth</c>: App Service Authentication principals only (which this host does not have on).</item>
/// </list>
/// </summary>
public sealed class AccessFixture : LocalHostFixture
{
    public const string LimitedKey = "limited-hub-key-7f3a";

    public TestIdentityProvider Identity { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["FanOut__Jwt__Authority"] = Identity.Issuer,
        ["FanOut__Jwt__Audience"] = TestIdentityProvider.Audience,
        ["FanOut__Jwt__RequireHttpsMetadata"] = "false",
        ["FanOut__Hubs__admin__Connect__Jwt"] = "true",
        ["FanOut__Hubs__admin__Connect__Claims__roles"] = "admin",
        ["FanOut__Hubs__admin__Publish__Jwt"] = "true",
        ["FanOut__Hubs__admin__Publish__Claims__roles"] = "publisher",
        ["FanOut__Hubs__admin__Join__Groups__0"] = "ops",
        ["FanOut__Hubs__tenants__Pattern"] = "tenant_*",
        ["FanOut__Hubs__tenants__Connect__Jwt"] = "true",
        ["FanOut__Hubs__tenants__Join__Groups__0"] = "user-{userId}",
        ["FanOut__Hubs__tenants__Join__GroupsClaim"] = "groups",
        ["FanOut__Hubs__tenants__Publish__Jwt"] = "true",
        ["FanOut__Hubs__tenant_vip__Connect__Anonymous"] = "true",
        ["FanOut__Hubs__limited__Publish__Keys__only"] = PublisherKeys.Hash(LimitedKey),
        ["FanOut__Hubs__limited__Limits__PublishesPerMinute"] = "5",
        ["FanOut__Hubs__easyauth__Connect__AppServiceAuthentication"] = "true",
    };

    public override async Task InitializeAsync()
    {
        Identity = await TestIdentityProvider.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Identity.DisposeAsync();
    }
}
