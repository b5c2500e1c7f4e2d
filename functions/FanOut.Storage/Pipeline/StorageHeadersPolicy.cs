using Azure.Core;
using Azure.Core.Pipeline;

namespace FanOut.Storage.Pipeline;

/// <summary>Stamps the service's <c>x-ms-version</c> (and, for tables, the JSON <c>Accept</c> every Table request needs, DELETE included).</summary>
internal sealed class StorageHeadersPolicy(StorageService service) : HttpPipelineSynchronousPolicy
{
    public const string TableAccept = "application/json;odata=minimalmetadata";

    public override void OnSendingRequest(HttpMessage message)
    {
        message.Request.Headers.SetValue("x-ms-version", StorageApiVersions.For(service));
        if (service == StorageService.Table)
        {
            if (!message.Request.Headers.Contains("Accept"))
            {
                message.Request.Headers.SetValue("Accept", TableAccept);
            }

            message.Request.Headers.SetValue("DataServiceVersion", "3.0");
        }
    }
}
