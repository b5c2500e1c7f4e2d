using System.Text;
using FanOut.Core.Webhooks;

namespace FanOut.UnitTests.Webhooks;

public class WebhookBodyTests
{
    [Fact]
    public void Read_TopLevelStrings_AreFoundAndNestedOnesSkipped()
    {
        var body = Read("""{"data":{"type":"nested","id":1},"type":"top","list":[{"id":"x"}],"id":"evt_1"}""");

        Assert.True(body.IsObject);
        Assert.Equal("top", body.StringMember("type"));
        Assert.Equal("evt_1", body.StringMember("id"));
    }

    [Fact]
    public void Read_DuplicateMember_LastOneWinsAsInJavaScript() =>
        Assert.Equal("second", Read("""{"type":"first","type":"second"}""").StringMember("type"));

    [Fact]
    public void Read_DuplicateMemberEndingNonString_IsAbsent() =>
        Assert.Null(Read("""{"type":"first","type":null}""").StringMember("type"));

    [Fact]
    public void Read_EscapedNamesAndValues_AreUnescaped() =>
        Assert.Equal("a.b", Read("""{"\u0074ype":"a\u002eb"}""").StringMember("type"));

    [Fact]
    public void Read_ByteOrderMark_IsSkipped() =>
        Assert.Equal("x", WebhookBody.Read([0xEF, 0xBB, 0xBF, .. """{"type":"x"}"""u8], "type").StringMember("type"));

    [Fact]
    public void Read_MembersNotAskedFor_AreNotReturned() =>
        Assert.Null(Read("""{"type":"x","other":"y"}""").StringMember("other"));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("null")]
    [InlineData("\"type\"")]
    [InlineData("[{\"type\":\"x\"}]")]
    [InlineData("{\"type\":\"x\"} {}")]
    [InlineData("{\"type\":\"x\"")]
    [InlineData("{'type':'x'}")]
    [InlineData("{\"type\":\"x\",}")]
    public void Read_NotExactlyOneJsonObject_HasNoMembers(string json)
    {
        var body = Read(json);

        Assert.False(body.IsObject);
        Assert.Null(body.StringMember("type"));
    }

    [Fact]
    public void Read_InvalidUtf8AnywhereInTheBody_IsNotAnObject() =>
        Assert.False(WebhookBody.Read([.. """{"type":"x","note":" """u8, 0xC3, 0x28, .. "\"}"u8], "type").IsObject);

    [Fact]
    public void Read_LoneSurrogateEscapeInAWantedString_IsNotAnObject() =>
        Assert.False(Read("""{"type":"\ud800"}""").IsObject);

    [Fact]
    public void Read_NestingDeeperThan64_IsNotAnObject() =>
        Assert.False(Read("{\"a\":" + new string('[', 100) + new string(']', 100) + "}").IsObject);

    private static WebhookBody Read(string json) => WebhookBody.Read(Encoding.UTF8.GetBytes(json), "type", "id");
}
