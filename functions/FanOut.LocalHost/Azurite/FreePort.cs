using System.Net;
using System.Net.Sockets;

namespace FanOut.LocalHost.Azurite;

/// <summary>Free loopback TCP ports, for processes (Azurite, the local host) that tests start side by side.</summary>
public static class FreePort
{
    /// <summary>A port nothing listens on right now (the OS picks it); bind it soon, as another process could take it.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary><paramref name="port"/> itself, or a free port when it is 0.</summary>
    public static int OrNext(int port) => port == 0 ? Next() : port;

    /// <summary>Whether something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
