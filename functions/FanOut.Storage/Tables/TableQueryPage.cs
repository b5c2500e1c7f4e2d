namespace FanOut.Storage.Tables;

/// <summary>One page of query results; <see cref="Continuation"/> is null on the last page.</summary>
public sealed record TableQueryPage(IReadOnlyList<TableEntity> Entities, TableContinuation? Continuation);
