using System.Text;
using FanOut.Storage.Tables;

namespace FanOut.UnitTests.Storage;

public sealed class TableBatchTests
{
    [Fact]
    public void Build_WritesOneChangesetWithAnAbsoluteRequestPerAction()
    {
        var (body, contentType) = TableBatch.Build("http://127.0.0.1:1/acct", "t",
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "1")),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "2"), "W/\"e\""),
            new(TableTransactionActionType.Delete, new TableEntity("p", "3")),
        ]);
        var text = Encoding.UTF8.GetString(body);

        Assert.StartsWith("multipart/mixed; boundary=batch_", contentType, StringComparison.Ordinal);
        Assert.Contains("POST http://127.0.0.1:1/acct/t HTTP/1.1\r\n", text, StringComparison.Ordinal);
        Assert.Contains("PUT http://127.0.0.1:1/acct/t(PartitionKey='p',RowKey='2') HTTP/1.1\r\n", text, StringComparison.Ordinal);
        Assert.Contains("If-Match: W/\"e\"\r\n", text, StringComparison.Ordinal);
        Assert.Contains("DELETE http://127.0.0.1:1/acct/t(PartitionKey='p',RowKey='3') HTTP/1.1\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("--\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseResponses_ReadsStatusHeadersAndBodyOfEachPart()
    {
        const string body =
            "--batchresponse_1\r\nContent-Type: multipart/mixed; boundary=changesetresponse_2\r\n\r\n" +
            "--changesetresponse_2\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            "HTTP/1.1 204 No Content\r\nETag: W/\"a\"\r\n\r\n\r\n" +
            "--changesetresponse_2\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            "HTTP/1.1 409 Conflict\r\nContent-Type: application/json\r\n\r\n" +
            "{\"odata.error\":{\"code\":\"EntityAlreadyExists\",\"message\":{\"lang\":\"en-US\",\"value\":\"1:The specified entity already exists.\"}}}\r\n" +
            "--changesetresponse_2--\r\n--batchresponse_1--\r\n";

        var responses = TableBatch.ParseResponses(body);

        Assert.Equal([204, 409], responses.Select(r => r.Status));
        Assert.Equal("W/\"a\"", responses[0].Headers["ETag"]);
        Assert.StartsWith("{\"odata.error\"", responses[1].Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2:The update condition specified in the request was not satisfied.", 2)]
    [InlineData("The specified entity already exists.", null)]
    [InlineData(null, null)]
    public void FailedIndex_ReadsTheLeadingActionNumber(string? message, int? expected)
    {
        Assert.Equal(expected, TableBatch.FailedIndex(message));
    }
}
