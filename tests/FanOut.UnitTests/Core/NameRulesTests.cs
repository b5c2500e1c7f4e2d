using FanOut.Core.Validation;

namespace FanOut.UnitTests.Core;

public class NameRulesTests
{
    [Theory]
    [InlineData("chat")]
    [InlineData("Chat_2")]
    [InlineData("a")]
    public void CheckHub_AcceptsLetterFirstAlphanumericNames(string hub) => Assert.Null(NameRules.CheckHub(hub));

    [Theory]
    [InlineData("")]
    [InlineData("2chat")]
    [InlineData("_chat")]
    [InlineData("chat-room")]
    [InlineData("chat\n")]
    [InlineData(null)]
    public void CheckHub_RejectsWhatAzureSignalRRejects(string? hub) =>
        Assert.Equal(RejectionCodes.InvalidHub, NameRules.CheckHub(hub)?.Code);

    [Fact]
    public void CheckHub_RejectsNamesLongerThan64() =>
        Assert.NotNull(NameRules.CheckHub("h" + new string('x', 64)));

    [Theory]
    [InlineData("general")]
    [InlineData("room-1.alpha~b_c")]
    [InlineData("_private")]
    [InlineData("42")]
    public void CheckGroup_AcceptsUrlAndTableSafeNames(string group) => Assert.Null(NameRules.CheckGroup(group));

    [Theory]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\\b")]
    [InlineData("a|b")]
    [InlineData("a b")]
    [InlineData("caf\u00e9")]
    public void CheckGroup_RejectsCharactersTableKeysOrUrlsCannotCarry(string group) =>
        Assert.Equal(RejectionCodes.InvalidGroup, NameRules.CheckGroup(group)?.Code);

    [Fact]
    public void CheckGroup_RejectsNamesLongerThan128() =>
        Assert.NotNull(NameRules.CheckGroup(new string('g', 129)));

    [Theory]
    [InlineData("message")]
    [InlineData("chat.message")]
    [InlineData("_typing-start")]
    public void CheckEvent_AcceptsClientMethodNames(string name) => Assert.Null(NameRules.CheckEvent(name));

    [Theory]
    [InlineData("")]
    [InlineData("1st")]
    [InlineData("chat message")]
    [InlineData("a/b")]
    public void CheckEvent_RejectsOtherNames(string name) =>
        Assert.Equal(RejectionCodes.InvalidEvent, NameRules.CheckEvent(name)?.Code);

    [Theory]
    [InlineData("aB3_-x")]
    [InlineData("Zr0mHALbCwjMSx9QyE5nLQ")]
    [InlineData("abc=")]
    public void CheckConnectionId_AcceptsSignalRConnectionIds(string id) => Assert.Null(NameRules.CheckConnectionId(id));

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a b")]
    public void CheckConnectionId_RejectsOthers(string id) =>
        Assert.Equal(RejectionCodes.InvalidConnectionId, NameRules.CheckConnectionId(id)?.Code);
}
