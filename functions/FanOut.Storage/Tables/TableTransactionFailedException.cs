using Azure;

namespace FanOut.Storage.Tables;

/// <summary>An entity group transaction was refused as a whole; <see cref="FailedActionIndex"/> is the action the service blamed, when it said.</summary>
public sealed class TableTransactionFailedException(int status, string message, string? errorCode, int? failedActionIndex)
    : RequestFailedException(status, message, errorCode, null)
{
    public int? FailedActionIndex { get; } = failedActionIndex;
}
