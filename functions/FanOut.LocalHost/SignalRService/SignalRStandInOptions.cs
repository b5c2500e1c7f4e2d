namespace FanOut.LocalHost.SignalRService;

/// <summary>How to run the local stand-in for Azure SignalR Service.</summary>
public sealed class SignalRStandInOptions
{
    /// <summary>Where it listens, e.g. <c>http://localhost:8888</c> (port 0: a free one).</summary>
    public required Uri Url { get; init; }

    /// <summary>The AccessKey of the connection string: it checks REST and client tokens and signs upstream calls with it.</summary>
    public required string AccessKey { get; init; }

    /// <summary>
    /// Where client events go (serverless upstream), with <c>{hub}</c>, <c>{category}</c> and <c>{event}</c>
    /// placeholders, e.g. <c>http://localhost:7071/api/upstream/{hub}/{category}/{event}</c>; null: none.
    /// </summary>
    public string? UpstreamUrlTemplate { get; init; }

    /// <summary>Origins browsers may connect from (<c>*</c>: any).</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];
}
