using System.Net.Sockets;
using System.Text;

namespace FanOut.Testing.Http;

/// <summary>
/// HTTP/1.1 written by hand over a TCP socket, for what HttpClient will not send: broken chunked
/// framing, a body that trickles in, a client that disappears mid-body.
/// </summary>
public static class RawHttp
{
    /// <summary>Sends the request head and then each body part after its delay; returns the status line and the rest of the answer.</summary>
    public static async Task<(int Status, string Response)> SendAsync(
        Uri baseUrl, string head, IEnumerable<(TimeSpan Delay, byte[] Bytes)> bodyParts, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        using var client = new TcpClient();
        await client.ConnectAsync(baseUrl.Host, baseUrl.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ReplaceLineEndings("\r\n") + "\r\n"));
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var reading = ReadAnswerAsync(stream, deadline.Token);
        try
        {
            foreach (var (delay, bytes) in bodyParts)
            {
                await Task.WhenAny(Task.Delay(delay, deadline.Token), reading);
                if (reading.IsCompleted)
                {
                    break;
                }

                await stream.WriteAsync(bytes, deadline.Token);
            }
        }
        catch (IOException)
        {
            // The server closed the connection on us: its answer is what matters.
        }

        var answer = await reading;
        var status = answer.Length > 12 && int.TryParse(answer.AsSpan(9, 3), out var code) ? code : 0;
        return (status, answer);
    }

    private static async Task<string> ReadAnswerAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var answer = new StringBuilder();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
                if (IsComplete(answer.ToString()))
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // Closed or timed out: return what arrived.
        }

        return answer.ToString();
    }

    /// <summary>A problem details answer is small and sent with Content-Length; stop once it is all here.</summary>
    private static bool IsComplete(string answer)
    {
        var end = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var length = answer[..end].Split("\r\n")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(parts => int.Parse(parts[1].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault(-1);
        return length >= 0 && Encoding.UTF8.GetByteCount(answer[(end + 4)..]) >= length;
    }
}
