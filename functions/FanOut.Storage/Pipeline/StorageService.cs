namespace FanOut.Storage.Pipeline;

/// <summary>The storage services this client speaks to; each has its own REST dialect and signing rules.</summary>
public enum StorageService
{
    Queue,
    Table,
}
