using System.Diagnostics;
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
        var info = new ProcessStartInfo("npm")
        {
            WorkingDirectory = folder,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            info.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(info) ?? throw new InvalidOperationException("Could not start npm.");
        var stdout = npm.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = npm.StandardError.ReadToEndAsync(cancellationToken);
        await npm.WaitForExitAsync(cancellationToken);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"'npm ci' in {folder} failed with exit code {npm.ExitCode}: {await stderr}{await stdout}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite is not installed; running 'npm ci' in {Folder}")]
    private static partial void LogInstalling(ILogger logger, string folder);
}
