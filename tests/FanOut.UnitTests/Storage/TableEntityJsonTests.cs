using System.Text;
using System.Text.Json;
using FanOut.Storage.Tables;

namespace FanOut.UnitTests.Storage;

public sealed class TableEntityJsonTests
{
    [Fact]
    public void Serialize_WritesODataTypeAnnotationsAndInt64AsString()
    {
        var entity = new TableEntity("p", "r")
        {
            ["L"] = 5L,
            ["B"] = new byte[] { 1, 2 },
            ["D"] = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)),
            ["G"] = Guid.Empty,
            ["S"] = "s",
        };

        var json = Encoding.UTF8.GetString(TableEntityJson.Serialize(entity));

        Assert.Equal(
            """
            {"PartitionKey":"p","RowKey":"r","L@odata.type":"Edm.Int64","L":"5","B@odata.type":"Edm.Binary","B":"AQI=","D@odata.type":"Edm.DateTime","D":"2026-01-02T02:04:05.0000000Z","G@odata.type":"Edm.Guid","G":"00000000-0000-0000-0000-000000000000","S":"s"}
            """,
            json);
    }

    [Fact]
    public void Parse_OfSerialized_RoundTripsEveryType()
    {
        var when = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 6, TimeSpan.Zero);
        var id = Guid.NewGuid();
        var entity = new TableEntity("p'", "r/") { ["S"] = "x", ["T"] = true, ["I"] = -7, ["L"] = long.MinValue, ["D"] = 0.5, ["W"] = when, ["G"] = id, ["B"] = new byte[] { 9 } };

        using var document = JsonDocument.Parse(TableEntityJson.Serialize(entity));
        var parsed = TableEntityJson.Parse(document.RootElement, "W/\"1\"");

        Assert.Equal(("p'", "r/", "W/\"1\""), (parsed.PartitionKey, parsed.RowKey, parsed.ETag));
        Assert.Equal("x", parsed.GetString("S"));
        Assert.True(parsed.GetBoolean("T"));
        Assert.Equal(-7, parsed.GetInt32("I"));
        Assert.Equal(long.MinValue, parsed.GetInt64("L"));
        Assert.Equal(0.5, parsed.GetDouble("D"));
        Assert.Equal(when, parsed.GetDateTimeOffset("W"));
        Assert.Equal(id, parsed.GetGuid("G"));
        Assert.Equal(new byte[] { 9 }, parsed.GetBinary("B"));
    }

    [Fact]
    public void Parse_MinimalMetadataResponse_ReadsETagTimestampAndUnannotatedNumbers()
    {
        const string json = """
            {"odata.metadata":"m","odata.etag":"W/\"datetime'x'\"","PartitionKey":"p","RowKey":"r",
             "Small":1,"Whole":2.0,"Huge":9007199254740993,"Timestamp":"2026-11-22T03:09:14.8370000Z"}
            """;
        using var document = JsonDocument.Parse(json);

        var parsed = TableEntityJson.Parse(document.RootElement);

        Assert.Equal("W/\"datetime'x'\"", parsed.ETag);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 3, 9, 14, 837, TimeSpan.Zero), parsed.Timestamp);
        Assert.IsType<int>(parsed["Small"]);
        Assert.IsType<long>(parsed["Huge"]);
        Assert.Equal(2.0, parsed.GetDouble("Whole"));
        Assert.Equal(["Small", "Whole", "Huge"], parsed.Properties.Keys);
    }

    [Fact]
    public void Serialize_UnsupportedType_Throws()
    {
        var entity = new TableEntity("p", "r") { ["X"] = new object() };

        Assert.Throws<NotSupportedException>(() => TableEntityJson.Serialize(entity));
    }
}
