using System.Diagnostics;
using System.Text;
using System.Text.Json;
using FanOut.Testing.SignalR;

namespace FanOut.Testing.Webhooks;

/// <summary>
/// Runs <c>tests/node/webhooks/sign.mjs</c> in <c>node</c>: the sender's own library
/// (<c>@octokit/webhooks-methods</c>, <c>stripe</c>, <c>standardwebhooks</c>) signs the body, and the
/// test gets back the headers that sender would send.
/// </summary>
public static class SenderSignatures
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Signs <paramref name="body"/> (written to a temporary file, byte for byte) and returns the headers, keyed case-insensitively.</summary>
    public static async Task<Dictionary<string, string>> SignAsync(string kind, string secret, byte[] body, long? timestamp = null, string? id = null)
    {
        var payloadFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(payloadFile, body);
            var headers = await RunAsync(JsonSerializer.Serialize(new { kind, secret, payloadFile, timestamp, id }));
            return new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(payloadFile);
        }
    }

    private static async Task<Dictionary<string, string>> RunAsync(string request)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = NodeScripts.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(NodeScripts.PathOf("webhooks/sign.mjs"));
        start.ArgumentList.Add(request);

        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"sign.mjs (pid {node.Id}) did not finish within {Timeout}.");
        }

        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException($"sign.mjs exited with {node.ExitCode}: {await stderr}");
        }

        return JsonSerializer.Deserialize<Dictionary<string, string>>(await stdout)
            ?? throw new InvalidOperationException("sign.mjs printed no headers.");
    }
}
