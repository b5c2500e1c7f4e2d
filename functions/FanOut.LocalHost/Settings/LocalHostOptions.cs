namespace FanOut.LocalHost.Settings;

/// <summary>Settings only the local host reads (<c>LocalHost__*</c>); Azure has no use for them.</summary>
public sealed class LocalHostOptions
{
    public const string Section = "LocalHost";

    /// <summary>In Development, start Azurite when nothing answers at the storage endpoints.</summary>
    public bool StartAzurite { get; set; } = true;

    /// <summary>In Development, start the SignalR Service stand-in when nothing answers at the connection string's loopback endpoint.</summary>
    public bool StartSignalR { get; set; } = true;

    /// <summary>
    /// The upstream URL template a started stand-in calls with client events; unset: this host's own
    /// <c>/api/upstream/{hub}/{category}/{event}</c>.
    /// </summary>
    public string? SignalRUpstream { get; set; }

    /// <summary>
    /// How many messages this host may have accepted and not yet delivered before a publish waits for room
    /// (see <c>PublishBackpressure</c>); 0: no bound.
    /// </summary>
    public int MaxBacklog { get; set; } = 256;

    /// <summary>Where a started Azurite keeps its data (relative to the repository root); git-ignored.</summary>
    public string AzuriteDataPath { get; set; } = ".azurite";

    /// <summary>Found at startup: the repository root.</summary>
    public string RepositoryRoot { get; set; } = "";

    /// <summary>Found at startup: the settings file that was read.</summary>
    public string SettingsFile { get; set; } = "";
}
