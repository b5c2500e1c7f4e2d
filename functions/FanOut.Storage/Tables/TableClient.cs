using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using FanOut.Storage.Pipeline;

namespace FanOut.Storage.Tables;

/// <summary>One Azure Table over the Table REST API (OData JSON): entity CRUD with ETags, paged queries and entity group transactions.</summary>
public sealed class TableClient
{
    private static readonly RequestMethod Merge = new("MERGE");

    private readonly HttpPipeline _pipeline;
    private readonly string _endpoint;
    private readonly Uri _endpointUri;

    public TableClient(HttpPipeline pipeline, Uri tableEndpoint, string tableName)
    {
        ArgumentNullException.ThrowIfNull(tableEndpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        _pipeline = pipeline;
        _endpoint = tableEndpoint.AbsoluteUri.TrimEnd('/');
        _endpointUri = new Uri(_endpoint);
        Name = tableName;
    }

    public string Name { get; }

    /// <summary>Creates the table; true when it was created, false when it already existed.</summary>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name });
        using var response = await SendAsync(RequestMethod.Post, "/Tables", null, body, null, cancellationToken, allow: 409);
        return response.Status != 409;
    }

    /// <summary>Inserts a new entity; a duplicate key fails with 409 <c>EntityAlreadyExists</c>. Returns the new ETag.</summary>
    public Task<string?> InsertAsync(TableEntity entity, CancellationToken cancellationToken = default) =>
        WriteAsync(RequestMethod.Post, "/" + Name, entity, null, cancellationToken);

    /// <summary>Inserts or overwrites the entity regardless of its ETag. Returns the new ETag.</summary>
    public Task<string?> UpsertAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
        WriteAsync(mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put, EntityPath(entity), entity, null, cancellationToken);

    /// <summary>Updates an existing entity when its ETag still matches <paramref name="ifMatch"/> (412 when stale). Returns the new ETag.</summary>
    public Task<string?> UpdateAsync(TableEntity entity, string ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        return WriteAsync(mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put, EntityPath(entity), entity, ifMatch, cancellationToken);
    }

    /// <summary>The entity with these keys, or null when there is none.</summary>
    public async Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(RequestMethod.Get, TableKeys.EntityPath(Name, partitionKey, rowKey), null, null, null, cancellationToken, allow: 404);
        if (response.Status == 404)
        {
            return null;
        }

        using var document = JsonDocument.Parse(response.Content.ToMemory());
        return TableEntityJson.Parse(document.RootElement, ETagOf(response));
    }

    /// <summary>One page of the entities matching <paramref name="filter"/> (null: all), at most <paramref name="top"/> of them.</summary>
    public async Task<TableQueryPage> QueryAsync(string? filter, int? top = null, TableContinuation? continuation = null, CancellationToken cancellationToken = default)
    {
        var query = new List<(string, string)>();
        if (filter is not null)
        {
            query.Add(("$filter", filter));
        }

        if (top is { } count)
        {
            query.Add(("$top", count.ToString(CultureInfo.InvariantCulture)));
        }

        if (continuation is not null)
        {
            query.Add(("NextPartitionKey", continuation.NextPartitionKey));
            if (continuation.NextRowKey is not null)
            {
                query.Add(("NextRowKey", continuation.NextRowKey));
            }
        }

        using var response = await SendAsync(RequestMethod.Get, $"/{Name}()", query, null, null, cancellationToken);
        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var entities = document.RootElement.GetProperty("value").EnumerateArray().Select(e => TableEntityJson.Parse(e)).ToList();
        var next = response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPk) && !string.IsNullOrEmpty(nextPk)
            ? new TableContinuation(nextPk, response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRk) ? nextRk : null)
            : null;
        return new TableQueryPage(entities, next);
    }

    /// <summary>Every entity matching <paramref name="filter"/>, following continuations page by page.</summary>
    public async IAsyncEnumerable<TableEntity> QueryAllAsync(string? filter, int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        TableContinuation? continuation = null;
        do
        {
            var page = await QueryAsync(filter, pageSize, continuation, cancellationToken);
            foreach (var entity in page.Entities)
            {
                yield return entity;
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);
    }

    /// <summary>Deletes the entity when its ETag matches <paramref name="ifMatch"/> (<c>*</c>: any). Fails with 404 when absent.</summary>
    public async Task DeleteAsync(string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(RequestMethod.Delete, TableKeys.EntityPath(Name, partitionKey, rowKey), null, null, ifMatch, cancellationToken);
    }

    /// <summary>
    /// Runs up to 100 actions on one partition atomically (an entity group transaction). Returns the new
    /// ETag of each action (null for deletes); on failure nothing is stored and a <see cref="TableTransactionFailedException"/> is thrown.
    /// </summary>
    public async Task<IReadOnlyList<string?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentOutOfRangeException.ThrowIfZero(actions.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(actions.Count, TableBatch.MaxActions);

        var (body, contentType) = TableBatch.Build(_endpoint, Name, actions);
        using var response = await SendAsync(RequestMethod.Post, "/$batch", null, body, null, cancellationToken, contentType: contentType);
        var inner = TableBatch.ParseResponses(response.Content.ToString());
        var failed = inner.FirstOrDefault(r => r.Status >= 300);
        if (failed.Status != 0)
        {
            var (code, message) = StorageErrors.ParseBody(failed.Body);
            throw new TableTransactionFailedException(
                failed.Status, $"The transaction failed with {failed.Status} ({code}): {message}", code, TableBatch.FailedIndex(message));
        }

        return [.. inner.Select(r => r.Headers.GetValueOrDefault("ETag"))];
    }

    private string EntityPath(TableEntity entity) => TableKeys.EntityPath(Name, entity.PartitionKey, entity.RowKey);

    private static string? ETagOf(Response response) => response.Headers.ETag?.ToString();

    private async Task<string?> WriteAsync(RequestMethod method, string path, TableEntity entity, string? ifMatch, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, null, TableEntityJson.Serialize(entity), ifMatch, cancellationToken);
        var etag = ETagOf(response);
        entity.ETag = etag;
        return etag;
    }

    private async Task<Response> SendAsync(
        RequestMethod method,
        string path,
        IReadOnlyList<(string Name, string Value)>? query,
        byte[]? body,
        string? ifMatch,
        CancellationToken cancellationToken,
        int allow = 0,
        string contentType = "application/json")
    {
        var request = _pipeline.CreateRequest();
        request.Method = method;
        request.Uri.Reset(_endpointUri);
        request.Uri.AppendPath(path, escape: false);
        foreach (var (name, value) in query ?? [])
        {
            request.Uri.AppendQuery(name, Uri.EscapeDataString(value), escapeValue: false);
        }

        if (ifMatch is not null)
        {
            request.Headers.SetValue("If-Match", ifMatch);
        }

        if (body is not null)
        {
            request.Content = RequestContent.Create(body);
            request.Headers.SetValue("Content-Type", contentType);
            if (path != "/$batch")
            {
                request.Headers.SetValue("Prefer", "return-no-content");
            }
        }

        var response = await _pipeline.SendRequestAsync(request, cancellationToken);
        if (response.Status is >= 200 and < 300 || response.Status == allow)
        {
            return response;
        }

        using (response)
        {
            throw StorageErrors.Create(response);
        }
    }
}
