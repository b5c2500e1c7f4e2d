namespace FanOut.Storage.Connections;

/// <summary>The well-known local emulator account (Azurite) that <c>UseDevelopmentStorage=true</c> means.</summary>
public static class DevelopmentStorage
{
    public const string AccountName = "devstoreaccount1";

    /// <summary>The public, documented emulator key; it protects nothing.</summary>
    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static Uri BlobEndpoint { get; } = new("http://127.0.0.1:10000/devstoreaccount1");

    public static Uri QueueEndpoint { get; } = new("http://127.0.0.1:10001/devstoreaccount1");

    public static Uri TableEndpoint { get; } = new("http://127.0.0.1:10002/devstoreaccount1");
}
