using FanOut.Storage.Connections;
using FanOut.Storage.Pipeline;

namespace FanOut.UnitTests.Storage;

public sealed class SharedKeyStringToSignTests
{
    private const string Date = "Sun, 22 Nov 2026 03:00:00 GMT";

    private static readonly StorageSharedKey DevKey = new(DevelopmentStorage.AccountName, DevelopmentStorage.AccountKey);

    [Fact]
    public void ForQueue_SignsStandardHeadersSortedMsHeadersDoubledAccountAndDecodedSortedQuery()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["x-ms-version"] = "2025-11-05",
            ["Content-Type"] = "application/xml; charset=utf-8",
            ["X-MS-Date"] = Date,
            ["x-ms-client-request-id"] = " abc ",
            ["User-Agent"] = "ignored",
        };

        var stringToSign = SharedKeyStringToSign.ForQueue(
            "PUT", headers, 60, "devstoreaccount1", "/devstoreaccount1/q1/messages/m1", "?visibilitytimeout=30&popreceipt=AgAAAA%3D%3D");

        Assert.Equal(
            "PUT\n\n\n60\n\napplication/xml; charset=utf-8\n\n\n\n\n\n\n" +
            "x-ms-client-request-id:abc\nx-ms-date:" + Date + "\nx-ms-version:2025-11-05\n" +
            "/devstoreaccount1/devstoreaccount1/q1/messages/m1\npopreceipt:AgAAAA==\nvisibilitytimeout:30",
            stringToSign);
        Assert.Equal("00YNDuaWZxchVQNzTam9WCTAbvpxt66Odpz9qZeNbSo=", DevKey.Sign(stringToSign));
    }

    [Fact]
    public void ForQueue_WithZeroContentLength_SignsEmptyLength()
    {
        var stringToSign = SharedKeyStringToSign.ForQueue("DELETE", new Dictionary<string, string>(), 0, "acct", "/q", string.Empty);

        Assert.Equal("DELETE\n\n\n\n\n\n\n\n\n\n\n\n/acct/q", stringToSign);
    }

    [Fact]
    public void ForTable_SignsMd5TypeDateAndResourceOnly()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "multipart/mixed; boundary=batch_1",
            ["x-ms-date"] = Date,
            ["x-ms-version"] = "2019-02-02",
            ["Accept"] = "application/json;odata=minimalmetadata",
        };

        var stringToSign = SharedKeyStringToSign.ForTable("POST", headers, "devstoreaccount1", "/devstoreaccount1/$batch", string.Empty);

        Assert.Equal("POST\n\nmultipart/mixed; boundary=batch_1\n" + Date + "\n/devstoreaccount1/devstoreaccount1/$batch", stringToSign);
    }

    [Fact]
    public void ForTable_SignatureMatchesKnownValue()
    {
        var headers = new Dictionary<string, string> { ["Content-Type"] = "application/json", ["x-ms-date"] = Date };

        var stringToSign = SharedKeyStringToSign.ForTable("POST", headers, "devstoreaccount1", "/devstoreaccount1/$batch", string.Empty);

        Assert.Equal("s67TLCeSK9x9xVTK0QMzCCqBhZuANrA3kvrca9Prc+Q=", DevKey.Sign(stringToSign));
    }

    [Theory]
    [InlineData("?$filter=PartitionKey%20eq%20%27a%27&$top=5", "GET\n\n\n" + Date + "\n/a/a/t1()")]
    [InlineData("?restype=service&comp=properties", "GET\n\n\n" + Date + "\n/a/a/t1()?comp=properties")]
    public void ForTable_CountsOnlyCompFromTheQuery(string query, string expected)
    {
        var headers = new Dictionary<string, string> { ["x-ms-date"] = Date };

        Assert.Equal(expected, SharedKeyStringToSign.ForTable("GET", headers, "a", "/a/t1()", query));
    }
}
