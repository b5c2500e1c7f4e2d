using System.Text;
using System.Text.RegularExpressions;

namespace FanOut.Storage.Tables;

/// <summary>
/// The <c>$batch</c> wire format: a multipart/mixed batch holding one changeset of HTTP requests,
/// and the multipart response with one HTTP response per action (or one error for the whole changeset).
/// </summary>
internal static partial class TableBatch
{
    public const int MaxActions = 100;

    public static (byte[] Body, string ContentType) Build(string endpoint, string table, IReadOnlyList<TableTransactionAction> actions)
    {
        var batch = "batch_" + Guid.NewGuid().ToString("N");
        var changeset = "changeset_" + Guid.NewGuid().ToString("N");
        var text = new StringBuilder()
            .Append("--").Append(batch).Append("\r\n")
            .Append("Content-Type: multipart/mixed; boundary=").Append(changeset).Append("\r\n\r\n");

        foreach (var action in actions)
        {
            text.Append("--").Append(changeset).Append("\r\n")
                .Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
            AppendRequest(text, endpoint, table, action);
        }

        text.Append("--").Append(changeset).Append("--\r\n\r\n--").Append(batch).Append("--\r\n");
        return (Encoding.UTF8.GetBytes(text.ToString()), "multipart/mixed; boundary=" + batch);
    }

    /// <summary>The status, headers and body of each inner response, in order.</summary>
    public static IReadOnlyList<(int Status, IReadOnlyDictionary<string, string> Headers, string Body)> ParseResponses(string body)
    {
        var results = new List<(int, IReadOnlyDictionary<string, string>, string)>();
        foreach (Match match in InnerResponse().Matches(body))
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in match.Groups["headers"].Value.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
            }

            results.Add((int.Parse(match.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture), headers, match.Groups["body"].Value.Trim()));
        }

        return results;
    }

    /// <summary>The failing action's index from an error message of the form <c>"3:The specified entity..."</c>.</summary>
    public static int? FailedIndex(string? message) =>
        message is not null && ActionIndex().Match(message) is { Success: true } m && int.TryParse(m.Groups[1].Value, out var index) ? index : null;

    private static void AppendRequest(StringBuilder text, string endpoint, string table, TableTransactionAction action)
    {
        var entity = action.Entity;
        var (method, ifMatch) = action.Type switch
        {
            TableTransactionActionType.Add => ("POST", null),
            TableTransactionActionType.UpsertMerge => ("MERGE", null),
            TableTransactionActionType.UpsertReplace => ("PUT", null),
            TableTransactionActionType.UpdateMerge => ("MERGE", action.ETag ?? "*"),
            TableTransactionActionType.UpdateReplace => ("PUT", action.ETag ?? "*"),
            _ => ("DELETE", action.ETag ?? "*"),
        };
        var url = action.Type == TableTransactionActionType.Add
            ? $"{endpoint}/{table}"
            : endpoint + TableKeys.EntityPath(table, entity.PartitionKey, entity.RowKey);

        text.Append(method).Append(' ').Append(url).Append(" HTTP/1.1\r\n")
            .Append("Accept: application/json;odata=minimalmetadata\r\nDataServiceVersion: 3.0\r\n");
        if (ifMatch is not null)
        {
            text.Append("If-Match: ").Append(ifMatch).Append("\r\n");
        }

        if (action.Type == TableTransactionActionType.Delete)
        {
            text.Append("\r\n");
            return;
        }

        text.Append("Content-Type: application/json\r\nPrefer: return-no-content\r\n\r\n")
            .Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(entity))).Append("\r\n");
    }

    [GeneratedRegex(@"HTTP/1\.1 (?<status>\d{3})[^\n]*\n(?<headers>(?:[^\r\n]+\r?\n)*)\r?\n(?<body>.*?)(?=\r?\n--|\z)", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex InnerResponse();

    [GeneratedRegex(@"^\s*(\d+):", RegexOptions.CultureInvariant)]
    private static partial Regex ActionIndex();
}
