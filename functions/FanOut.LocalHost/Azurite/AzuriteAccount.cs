namespace FanOut.LocalHost.Azurite;

/// <summary>Azurite's well-known development account (public, documented by Microsoft; never a real key).</summary>
public static class AzuriteAccount
{
    public const string Name = "devstoreaccount1";

    public const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The blob port <c>UseDevelopmentStorage=true</c> means.</summary>
    public const int DefaultBlobPort = 10000;
}
