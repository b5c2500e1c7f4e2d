namespace FanOut.Testing.SignalR;

/// <summary>An invocation the server refused; <see cref="Exception.Message"/> holds the server's error (<c>code: detail</c>).</summary>
public sealed class NodeSignalRInvocationException(string method, string message)
    : Exception($"{method} failed: {message}")
{
    public string ServerMessage { get; } = message;
}
