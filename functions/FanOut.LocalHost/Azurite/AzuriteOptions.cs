namespace FanOut.LocalHost.Azurite;

/// <summary>How to run Azurite: ports (0: pick a free one), in memory or in a folder, and how long to wait for it.</summary>
public sealed class AzuriteOptions
{
    public int BlobPort { get; set; }

    public int QueuePort { get; set; }

    public int TablePort { get; set; }

    /// <summary>Where Azurite keeps its data; null keeps everything in memory (lost on exit).</summary>
    public string? Location { get; set; }

    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The repository root; null finds it (<see cref="Settings.RepositoryRoot"/>).</summary>
    public string? RepositoryRoot { get; set; }
}
