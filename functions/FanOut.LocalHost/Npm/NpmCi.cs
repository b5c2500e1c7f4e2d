using System.Diagnostics;

namespace FanOut.LocalHost.Npm;

/// <summary>Runs <c>npm ci</c> in a folder with a package-lock.json (the pinned Azurite, the client library's SignalR).</summary>
internal static class NpmCi
{
    public static async Task RunAsync(string folder, CancellationToken cancellationToken)
    {
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
}
