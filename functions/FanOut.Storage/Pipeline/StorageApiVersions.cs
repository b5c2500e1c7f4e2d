namespace FanOut.Storage.Pipeline;

/// <summary>
/// The <c>x-ms-version</c> each service is called with. Queue: the newest version Azurite 3.35 accepts
/// (it is also current in Azure). Table: 2019-02-02, the only data-plane version Azure.Data.Tables uses.
/// </summary>
public static class StorageApiVersions
{
    public const string Queue = "2025-11-05";

    public const string Table = "2019-02-02";

    public static string For(StorageService service) => service == StorageService.Queue ? Queue : Table;
}
