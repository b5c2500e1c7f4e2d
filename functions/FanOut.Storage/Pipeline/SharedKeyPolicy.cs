using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using FanOut.Storage.Connections;

namespace FanOut.Storage.Pipeline;

/// <summary>
/// Signs each attempt with Shared Key. It runs just before the transport so that every header the
/// pipeline added (<c>x-ms-client-request-id</c>, ...) is signed; Content-Length is not a header yet
/// there, so it is computed from the content.
/// </summary>
internal sealed class SharedKeyPolicy(StorageService service, StorageSharedKey key) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.SetValue("x-ms-date", DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture));

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Name] = header.Value;
        }

        long? length = request.Content is { } content && content.TryComputeLength(out var computed) ? computed : null;
        var method = request.Method.Method;
        var path = request.Uri.Path;
        var query = request.Uri.Query;
        var stringToSign = service == StorageService.Queue
            ? SharedKeyStringToSign.ForQueue(method, headers, length, key.AccountName, path, query)
            : SharedKeyStringToSign.ForTable(method, headers, key.AccountName, path, query);

        request.Headers.SetValue("Authorization", $"SharedKey {key.AccountName}:{key.Sign(stringToSign)}");
    }
}
