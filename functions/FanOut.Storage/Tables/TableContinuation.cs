namespace FanOut.Storage.Tables;

/// <summary>Where the next page of a query starts (the service's <c>x-ms-continuation-Next*</c> headers).</summary>
public sealed record TableContinuation(string NextPartitionKey, string? NextRowKey);
