using System.Text;
using FanOut.Core.Messages;
using FanOut.Core.Validation;

namespace FanOut.UnitTests.Core;

public class JsonBodyInspectorTests
{
    [Theory]
    [InlineData("""{"a":"café 😀"}""")]
    [InlineData("""{"a":"\ud83d\ude00"}""")]
    [InlineData("""[1, 2.5e3, true, null, "x"]""")]
    [InlineData("  \"just a string\"  ")]
    public void Check_AcceptsValidJson(string json) =>
        Assert.Null(JsonBodyInspector.Check(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{"event":"e","data":"\ud800"}""")]
    [InlineData("""{"event":"e","data":"\udc00 alone"}""")]
    [InlineData("""{"\ud83d":1}""")]
    [InlineData("""{"a":"\ud83d\u0041"}""")]
    public void Check_RefusesLoneSurrogates(string json) =>
        Assert.Equal(RejectionCodes.InvalidEncoding, JsonBodyInspector.Check(Encoding.UTF8.GetBytes(json))?.Code);

    [Fact]
    public void Check_RefusesInvalidUtf8() =>
        Assert.Equal(RejectionCodes.InvalidEncoding, JsonBodyInspector.Check([(byte)'"', 0xC3, 0x28, (byte)'"'])?.Code);

    [Fact]
    public void Check_RefusesLatin1Bytes() =>
        Assert.Equal(RejectionCodes.InvalidEncoding, JsonBodyInspector.Check(Encoding.Latin1.GetBytes("\"café\""))?.Code);

    [Fact]
    public void Check_AcceptsTheDocumentedNestingLimit() =>
        Assert.Null(JsonBodyInspector.Check(Nested(JsonBodyInspector.MaxDepth)));

    [Theory]
    [InlineData(JsonBodyInspector.MaxDepth + 1)]
    [InlineData(63)]
    [InlineData(10_000)]
    public void Check_RefusesDeeperNesting(int depth) =>
        Assert.Equal(RejectionCodes.TooDeep, JsonBodyInspector.Check(Nested(depth))?.Code);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("""{"a":1} {"b":2}""")]
    [InlineData("""{"a":1,}""")]
    [InlineData("// comment\n{}")]
    public void Check_RefusesWhatIsNotExactlyOneJsonValue(string json) =>
        Assert.Equal(RejectionCodes.MalformedJson, JsonBodyInspector.Check(Encoding.UTF8.GetBytes(json))?.Code);

    private static byte[] Nested(int depth) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("[", depth)) + string.Concat(Enumerable.Repeat("]", depth)));
}
