namespace FanOut.Storage.Tables;

/// <summary>One operation of a transaction. Updates and deletes use <see cref="ETag"/> as If-Match (default <c>*</c>).</summary>
public sealed record TableTransactionAction(TableTransactionActionType Type, TableEntity Entity, string? ETag = null);
