using System.Net;
using System.Net.Sockets;

namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>Loopback helpers: a free TCP port, a wait until something listens.</summary>
internal static class Loopback
{
    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public static bool WaitListening(int port, TimeSpan timeout) => SpinWait.SpinUntil(() =>
    {
        try
        {
            using var c = new TcpClient();
            c.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            Thread.Sleep(50);
            return false;
        }
    }, timeout);
}
