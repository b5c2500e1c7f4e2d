using FanOut.Storage.Pipeline;

namespace FanOut.UnitTests.Storage;

public sealed class StorageErrorsTests
{
    [Fact]
    public void ParseBody_TableJsonError_ReadsCodeAndMessage()
    {
        var (code, message) = StorageErrors.ParseBody(
            """{"odata.error":{"code":"EntityAlreadyExists","message":{"lang":"en-US","value":"The specified entity already exists."}}}""");

        Assert.Equal(("EntityAlreadyExists", "The specified entity already exists."), (code, message));
    }

    [Fact]
    public void ParseBody_QueueXmlErrorWithBom_ReadsCodeAndMessage()
    {
        var (code, message) = StorageErrors.ParseBody(
            "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>QueueNotFound</Code><Message>The specified queue does not exist.</Message></Error>");

        Assert.Equal(("QueueNotFound", "The specified queue does not exist."), (code, message));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a storage error")]
    [InlineData("{broken")]
    public void ParseBody_OtherText_ReturnsNothing(string body)
    {
        Assert.Equal((null, null), StorageErrors.ParseBody(body));
    }
}
