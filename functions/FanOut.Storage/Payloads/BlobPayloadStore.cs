using Azure;
using Azure.Storage.Blobs;
using FanOut.Core.Messages;
using FanOut.Core.Publishing;

namespace FanOut.Storage.Payloads;

/// <summary>
/// Large message data in Blob storage (the claim check): one blob per message, <c>{hub}/{yyyy}/{MM}/{dd}/{messageId}.json</c>,
/// its bytes exactly as published. Writing again for the same message overwrites it with the same bytes.
/// </summary>
public sealed class BlobPayloadStore(BlobContainerClient container, TimeProvider clock) : IPayloadStore
{
    public async Task<string> PutAsync(string hub, string messageId, RawJson data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var name = $"{hub}/{clock.GetUtcNow():yyyy/MM/dd}/{messageId}.json";
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(data.Utf8), overwrite: true, cancellationToken);
        return name;
    }

    public async Task<RawJson?> GetAsync(string reference, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(reference).DownloadContentAsync(cancellationToken);
            return RawJson.FromTrustedUtf8(content.Value.Content.ToMemory());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
