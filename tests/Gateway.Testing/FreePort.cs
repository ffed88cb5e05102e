using System.Net;
using System.Net.Sockets;

namespace Gateway.Testing;

internal static class FreePort
{
    /// <summary>
    /// Returns a loopback TCP port that was free a moment ago. NOTE: another process can take it
    /// before the server binds it; the servers fail to start in that case rather than share it.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
