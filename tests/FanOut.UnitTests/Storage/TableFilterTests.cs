using FanOut.Storage.Tables;

namespace FanOut.UnitTests.Storage;

public sealed class TableFilterTests
{
    [Fact]
    public void PartitionKeyEquals_DoublesSingleQuotes()
    {
        Assert.Equal("PartitionKey eq 'a'' or ''1''=''1'", TableFilter.PartitionKeyEquals("a' or '1'='1"));
    }

    [Fact]
    public void Create_WritesEachHoleAsTypedLiteral()
    {
        var filter = TableFilter.Create($"PartitionKey eq {"it's"} and RowKey gt {"0000000000000000005"} and N eq {5L} and F eq {true} and G eq {Guid.Empty}");

        Assert.Equal(
            "PartitionKey eq 'it''s' and RowKey gt '0000000000000000005' and N eq 5L and F eq true and G eq guid'00000000-0000-0000-0000-000000000000'",
            filter);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("it's", "it%27%27s")]
    [InlineData("a b/c#d?e%", "a%20b%2Fc%23d%3Fe%25")]
    [InlineData("hub|group", "hub%7Cgroup")]
    public void Escape_DoublesQuotesThenPercentEncodes(string key, string expected)
    {
        Assert.Equal(expected, TableKeys.Escape(key));
    }

    [Fact]
    public void EntityPath_QuotesBothKeys()
    {
        Assert.Equal("/t(PartitionKey='a%27%27',RowKey='~head')", TableKeys.EntityPath("t", "a'", "~head"));
    }
}
