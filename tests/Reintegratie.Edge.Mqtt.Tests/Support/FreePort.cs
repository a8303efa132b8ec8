using System.Net;
using System.Net.Sockets;

namespace Reintegratie.Edge.Mqtt.Tests.Support;

/// <summary>A currently free loopback TCP port (bind to port 0, read it, release it).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
