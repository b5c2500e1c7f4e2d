using Azure.Core;

namespace FanOut.SignalR.Rest;

/// <summary>Pipeline options of <see cref="SignalRRestClient"/> (retry, transport, diagnostics), from Azure.Core.</summary>
public sealed class SignalRRestClientOptions : ClientOptions
{
    /// <summary>The data-plane REST API version every request carries.</summary>
    public const string ApiVersion = "2022-06-01";

    /// <summary>The API version of <c>:generateToken</c> (added in 2022-11-01).</summary>
    public const string TokenApiVersion = "2024-12-01";

    /// <summary>The Microsoft Entra scope for Azure SignalR Service.</summary>
    public const string EntraScope = "https://signalr.azure.com/.default";

    /// <summary>How long a REST AccessKey token lives; each is reused for its URL for half of that.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    public SignalRRestClientOptions()
    {
        Retry.MaxRetries = 3;
        Retry.Delay = TimeSpan.FromMilliseconds(200);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(10);

        // Request logging formats every call's headers into an event (see AddFanOutStorage); failures still throw.
        Diagnostics.IsLoggingEnabled = false;
    }
}
