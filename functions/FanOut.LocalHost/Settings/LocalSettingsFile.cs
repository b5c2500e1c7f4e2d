using System.Text.Json;

namespace FanOut.LocalHost.Settings;

/// <summary>
/// Reads <c>local.settings.json</c> (or the committed sample) the way <c>func start</c> does:
/// each <c>Values</c> entry becomes a setting (<c>FanOut__MaxBodyBytes</c> is <c>FanOut:MaxBodyBytes</c>),
/// and the <c>Host</c> section (LocalHttpPort, CORS) is kept under <c>Host:</c>.
/// </summary>
public static class LocalSettingsFile
{
    public const string FileName = "local.settings.json";
    public const string SampleFileName = "local.settings.sample.json";

    /// <summary>The file used: the developer's own when present, else the sample.</summary>
    public static string Choose(string repositoryRoot)
    {
        var own = Path.Combine(repositoryRoot, FileName);
        return File.Exists(own) ? own : Path.Combine(repositoryRoot, SampleFileName);
    }

    public static Dictionary<string, string?> Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var values))
        {
            foreach (var value in values.EnumerateObject())
            {
                settings[value.Name.Replace("__", ":", StringComparison.Ordinal)] = AsString(value.Value);
            }
        }

        if (document.RootElement.TryGetProperty("Host", out var host))
        {
            foreach (var value in host.EnumerateObject())
            {
                settings["Host:" + value.Name] = AsString(value.Value);
            }
        }

        return settings;
    }

    private static string? AsString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };
}
