namespace FanOut.Testing.SignalR;

/// <summary>Finds <c>tests/node</c> (where <c>@microsoft/signalr</c> is installed) by walking up from the test binaries.</summary>
public static class NodeScripts
{
    private static readonly Lazy<string> NodeDirectory = new(Find);

    /// <summary>The <c>tests/node</c> directory.</summary>
    public static string Directory => NodeDirectory.Value;

    /// <summary>The full path of a script under <c>tests/node</c>, e.g. <c>clients/signalr-client.mjs</c>.</summary>
    public static string PathOf(string relativePath) => System.IO.Path.Combine(Directory, relativePath);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "tests", "node");
            if (File.Exists(System.IO.Path.Combine(candidate, "node_modules", "@microsoft", "signalr", "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/node with node_modules/@microsoft/signalr was not found above " + AppContext.BaseDirectory + "; run 'npm ci' in tests/node.");
    }
}
