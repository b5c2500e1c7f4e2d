using System.Globalization;

namespace FanOut.Storage.Tables;

/// <summary>
/// Builds OData <c>$filter</c> expressions with every value written as a safe literal, so a key
/// containing <c>'</c> cannot change the query: <c>TableFilter.Create($"PartitionKey eq {pk}")</c>.
/// </summary>
public static class TableFilter
{
    public static string PartitionKeyEquals(string partitionKey) => "PartitionKey eq " + Literal(partitionKey);

    /// <summary>Formats the interpolated string with each hole written as an OData literal.</summary>
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var arguments = filter.GetArguments().Select(Literal).ToArray<object?>();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, arguments);
    }

    public static string Literal(object? value) => value switch
    {
        null => "null",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset d => "datetime'" + TableEntityJson.FormatDate(d) + "'",
        Guid g => "guid'" + g.ToString("D") + "'",
        _ => throw new NotSupportedException($"A {value.GetType().Name} cannot be written as an OData literal."),
    };
}
