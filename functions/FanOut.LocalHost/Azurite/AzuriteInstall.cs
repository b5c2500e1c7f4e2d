using FanOut.LocalHost.Npm;
using Microsoft.Extensions.Logging;

namespace FanOut.LocalHost.Azurite;

/// <summary>Installs the pinned Azurite (<c>npm ci</c> in functions/azurite) when its node_modules are missing.</summary>
internal static partial class AzuriteInstall
{
    public static async Task EnsureInstalledAsync(string folder, ILogger logger, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(folder, "node_modules", ".bin", "azurite")))
        {
            return;
        }

        LogInstalling(logger, folder);
        await NpmCi.RunAsync(folder, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite is not installed; running 'npm ci' in {Folder}")]
    private static partial void LogInstalling(ILogger logger, string folder);
}
