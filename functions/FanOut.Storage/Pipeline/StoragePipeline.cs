using Azure.Core;
using Azure.Core.Pipeline;
using FanOut.Storage.Connections;

namespace FanOut.Storage.Pipeline;

/// <summary>Builds the Azure.Core pipeline of one storage service: retry, version headers, and Shared Key or bearer-token auth.</summary>
public static class StoragePipeline
{
    public const string TokenScope = "https://storage.azure.com/.default";

    public static HttpPipeline Build(StorageService service, StorageEndpoints endpoints, Action<StorageClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = new StorageClientOptions();
        configure?.Invoke(options);

        var perRetry = new List<HttpPipelinePolicy> { new StorageHeadersPolicy(service) };
        if (endpoints.SharedKey is { } key)
        {
            options.AddPolicy(new SharedKeyPolicy(service, key), HttpPipelinePosition.BeforeTransport);
        }
        else if (endpoints.Credential is { } credential)
        {
            perRetry.Add(new BearerTokenAuthenticationPolicy(credential, TokenScope));
        }
        else
        {
            throw new InvalidOperationException("A storage connection needs an account key or a token credential.");
        }

        return HttpPipelineBuilder.Build(options, [], [.. perRetry], new ResponseClassifier());
    }
}
