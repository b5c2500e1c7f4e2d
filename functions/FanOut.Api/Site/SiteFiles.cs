namespace FanOut.Api.Site;

/// <summary>
/// Which file answers which path of the site: the chat page at <c>""</c>, the dashboard at <c>dashboard</c>, their
/// scripts and styles under <c>app/</c>, the client library under <c>lib/</c> and @microsoft/signalr's browser
/// build under <c>lib/signalr/</c>. <see cref="Root"/> is laid out like functions/FanOut.Client (the local host
/// serves that folder; the Functions shell a copy in its output). Only files of the listed kinds, only
/// inside the root.
/// </summary>
public sealed class SiteFiles(string root)
{
    private static readonly HashSet<string> Served = new(StringComparer.OrdinalIgnoreCase) { ".html", ".js", ".css", ".svg", ".png", ".ico", ".map" };

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The file for <paramref name="path"/> (relative, without a leading slash), or null.</summary>
    public string? Resolve(string? path)
    {
        var relative = (path ?? string.Empty).Trim('/');
        var file = relative switch
        {
            "" or "index.html" => Path.Combine("www", "index.html"),
            "dashboard" or "dashboard.html" => Path.Combine("www", "dashboard.html"),
            _ when relative.StartsWith("app/", StringComparison.Ordinal) => Path.Combine("www", relative["app/".Length..]),
            _ when relative.StartsWith("lib/signalr/", StringComparison.Ordinal) =>
                Path.Combine("node_modules", "@microsoft", "signalr", "dist", "browser", relative["lib/signalr/".Length..]),
            _ when relative.StartsWith("lib/", StringComparison.Ordinal) && !relative.Contains("node_modules", StringComparison.Ordinal) =>
                relative["lib/".Length..],
            _ => null,
        };
        if (file is null || relative.Contains("..", StringComparison.Ordinal) || relative.Contains('\\', StringComparison.Ordinal))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(Root, file));
        return full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && Served.Contains(Path.GetExtension(full)) && File.Exists(full)
            ? full
            : null;
    }
}
