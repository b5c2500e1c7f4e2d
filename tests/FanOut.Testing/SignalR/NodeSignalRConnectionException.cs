namespace FanOut.Testing.SignalR;

/// <summary>The Node client could not connect; <see cref="StatusCode"/> is the HTTP status of the failed negotiate, when there was one.</summary>
public sealed class NodeSignalRConnectionException : Exception
{
    public NodeSignalRConnectionException()
    {
    }

    public NodeSignalRConnectionException(string message)
        : base(message)
    {
    }

    public NodeSignalRConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NodeSignalRConnectionException(string message, int? statusCode)
        : base(message) => StatusCode = statusCode;

    public int? StatusCode { get; }
}
