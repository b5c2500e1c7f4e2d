using System.Text;
using FanOut.Core.Publishing;
using FanOut.Core.Validation;

namespace FanOut.UnitTests.Core;

public class PublishBodyTests
{
    [Fact]
    public void Parse_KeepsDataByteForByte_SpacingAndUnicodeIncluded()
    {
        var (body, rejected) = Parse("""{ "event" : "said", "data" : { "s" : "café 😀", "n" : 1.50 } }""");

        Assert.Null(rejected);
        Assert.Equal("said", body!.Event);
        Assert.Equal("""{ "s" : "café 😀", "n" : 1.50 }""", body.Data.ToString());
    }

    [Theory]
    [InlineData("""{"event":"e"}""", "null")]
    [InlineData("""{"data":"x","event":"e"}""", "\"x\"")]
    [InlineData("""{"event":"e","data":[1,[2]],"other":{}}""", "[1,[2]]")]
    public void Parse_FindsData(string json, string data) =>
        Assert.Equal(data, Parse(json).Body!.Data.ToString());

    [Theory]
    [InlineData("""{"data":1}""")]
    [InlineData("""{"event":7,"data":1}""")]
    [InlineData("""{"event":null}""")]
    public void Parse_WithoutAStringEvent_LeavesEventNull(string json) =>
        Assert.Null(Parse(json).Body!.Event);

    [Theory]
    [InlineData("""[1]""")]
    [InlineData("\"text\"")]
    [InlineData("""{"event":"e","event":"f"}""")]
    [InlineData("""{"event":"e","data":1,"data":2}""")]
    public void Parse_RefusesWhatIsNotOnePublishObject(string json) =>
        Assert.Equal(RejectionCodes.MalformedJson, Parse(json).Rejected?.Code);

    [Fact]
    public void Parse_RefusesALoneSurrogateAnywhere() =>
        Assert.Equal(RejectionCodes.InvalidEncoding, Parse("""{"event":"e","data":{"x":["\ud800"]}}""").Rejected?.Code);

    private static (PublishBody? Body, FanOut.Core.Validation.Rejection? Rejected) Parse(string json) =>
        PublishBody.Parse(Encoding.UTF8.GetBytes(json));
}
