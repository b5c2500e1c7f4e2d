using Azure.Core;

namespace FanOut.Storage.Connections;

/// <summary>
/// Where a storage account's services are and how to authenticate to them: a shared key (connection
/// strings, Azurite) or a token credential (identity-based connections). An endpoint is null when the
/// configuration does not name it.
/// </summary>
public sealed record StorageEndpoints(
    Uri? QueueEndpoint,
    Uri? TableEndpoint,
    Uri? BlobEndpoint,
    StorageSharedKey? SharedKey,
    TokenCredential? Credential);
