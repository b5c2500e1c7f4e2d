namespace FanOut.LocalHost.Settings;

/// <summary>Finds the repository root (the folder with host.json and local.settings.sample.json) from where the host runs.</summary>
public static class RepositoryRoot
{
    public static string Find(params string?[] startingPoints)
    {
        foreach (var start in startingPoints.Append(Directory.GetCurrentDirectory()).Append(AppContext.BaseDirectory))
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "host.json"))
                    && File.Exists(Path.Combine(dir.FullName, "local.settings.sample.json")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("Cannot find the repository root (a folder with host.json and local.settings.sample.json) above the current directory.");
    }
}
