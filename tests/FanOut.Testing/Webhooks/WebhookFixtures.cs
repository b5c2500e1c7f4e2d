namespace FanOut.Testing.Webhooks;

/// <summary>The raw bodies under <c>tests/fixtures/webhooks</c>, found by walking up from the test binaries.</summary>
public static class WebhookFixtures
{
    private static readonly Lazy<string> Directory = new(Find);

    /// <summary>The file's bytes exactly as stored: signatures are over these.</summary>
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Directory.Value, name));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "webhooks");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/fixtures/webhooks was not found above " + AppContext.BaseDirectory);
    }
}
