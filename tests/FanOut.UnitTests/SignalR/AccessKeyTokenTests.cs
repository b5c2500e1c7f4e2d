using FanOut.SignalR.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;

namespace FanOut.UnitTests.SignalR;

public class AccessKeyTokenTests
{
    private const string Audience = "https://fanout.service.signalr.net/api/hubs/chat/:send";
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void CreateToken_IsHs256WithAudienceLifetimeAndUserId()
    {
        var token = new AccessKeyTokenIssuer(TestKeys.AccessKey, new ManualTimeProvider(Now)).CreateToken(Audience, TimeSpan.FromHours(1), "alice");

        var jwt = new JsonWebToken(token);
        Assert.Equal("HS256", jwt.Alg);
        Assert.Equal([Audience], jwt.Audiences);
        Assert.Equal(Now.UtcDateTime.AddHours(1), jwt.ValidTo);
        Assert.Equal("alice", jwt.GetClaim("nameid").Value);
    }

    [Fact]
    public void CreateToken_WithoutUser_HasNoNameId()
    {
        var jwt = new JsonWebToken(new AccessKeyTokenIssuer(TestKeys.AccessKey).CreateToken(Audience, TimeSpan.FromMinutes(5)));

        Assert.False(jwt.TryGetClaim("nameid", out _));
    }

    [Fact]
    public async Task Validate_TokenFromSameKey_IsValidWithUserId()
    {
        var token = new AccessKeyTokenIssuer(TestKeys.AccessKey).CreateToken(Audience, TimeSpan.FromMinutes(5), "bob");

        var result = await new AccessKeyTokenValidator(TestKeys.AccessKey).ValidateAsync(token, aud => aud == Audience);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal("bob", result.UserId);
    }

    [Fact]
    public async Task Validate_TokenWithSubInsteadOfNameId_TakesTheUserFromSub()
    {
        var handler = new JsonWebTokenHandler();
        var token = handler.CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Audience = Audience,
            Expires = DateTime.UtcNow.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = "carol" },
            SigningCredentials = new(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(System.Text.Encoding.ASCII.GetBytes(TestKeys.AccessKey)), "HS256"),
        });

        var result = await new AccessKeyTokenValidator(TestKeys.AccessKey).ValidateAsync(token, aud => aud == Audience);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal("carol", result.UserId);
    }

    [Fact]
    public async Task Validate_WrongAudience_IsInvalid()
    {
        var token = new AccessKeyTokenIssuer(TestKeys.AccessKey).CreateToken(Audience, TimeSpan.FromMinutes(5));

        var result = await new AccessKeyTokenValidator(TestKeys.AccessKey).ValidateAsync(token, aud => aud == Audience + "x");

        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task Validate_OtherKey_IsInvalid()
    {
        var token = new AccessKeyTokenIssuer(TestKeys.OtherKey).CreateToken(Audience, TimeSpan.FromMinutes(5));

        var result = await new AccessKeyTokenValidator(TestKeys.AccessKey).ValidateAsync(token, _ => true);

        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task Validate_ExpiredBeyondSkew_IsInvalid()
    {
        var clock = new ManualTimeProvider(Now);
        var token = new AccessKeyTokenIssuer(TestKeys.AccessKey, clock).CreateToken(Audience, TimeSpan.FromMinutes(5));
        clock.Now = Now + TimeSpan.FromMinutes(5) + AccessKeyTokenValidator.ClockSkew + TimeSpan.FromSeconds(1);

        var result = await new AccessKeyTokenValidator(TestKeys.AccessKey, clock).ValidateAsync(token, _ => true);

        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task Validate_WithinLifetime_IsValid()
    {
        var clock = new ManualTimeProvider(Now);
        var token = new AccessKeyTokenIssuer(TestKeys.AccessKey, clock).CreateToken(Audience, TimeSpan.FromMinutes(5));
        clock.Now = Now + TimeSpan.FromMinutes(4);

        var result = await new AccessKeyTokenValidator(TestKeys.AccessKey, clock).ValidateAsync(token, _ => true);

        Assert.True(result.IsValid, result.Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not.a.jwt")]
    public async Task Validate_MissingOrMalformed_IsInvalid(string? token)
    {
        var result = await new AccessKeyTokenValidator(TestKeys.AccessKey).ValidateAsync(token, _ => true);

        Assert.False(result.IsValid);
        Assert.NotNull(result.Error);
    }
}
