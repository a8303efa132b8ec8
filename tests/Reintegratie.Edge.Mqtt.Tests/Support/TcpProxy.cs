using System.Net;
using System.Net.Sockets;

namespace Reintegratie.Edge.Mqtt.Tests.Support;

/// <summary>
/// A loopback TCP relay to a target port. <see cref="Cut"/> resets every relayed connection (RST, no MQTT DISCONNECT:
/// the broker sees an abrupt loss and publishes the Last Will) and refuses new ones until <see cref="Resume"/>.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly List<Socket> _sockets = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private volatile bool _accepting = true;

    public TcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port { get; }

    public void Cut()
    {
        _accepting = false;
        lock (_sockets)
        {
            foreach (var s in _sockets)
            {
                s.LingerState = new LingerOption(true, 0); // close with RST
                s.Close();
            }

            _sockets.Clear();
        }
    }

    public void Resume() => _accepting = true;

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Cut();
        try
        {
            await _acceptLoop;
        }
        catch (Exception)
        {
            // Listener stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var inbound = await _listener.AcceptSocketAsync(_stop.Token);
            if (!_accepting)
            {
                inbound.LingerState = new LingerOption(true, 0);
                inbound.Close();
                continue;
            }

            var outbound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await outbound.ConnectAsync(IPAddress.Loopback, _targetPort);
            }
            catch (SocketException)
            {
                inbound.Close();
                outbound.Dispose();
                continue;
            }

            lock (_sockets)
            {
                _sockets.Add(inbound);
                _sockets.Add(outbound);
            }

            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16384];
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (n == 0)
                {
                    break;
                }

                await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None);
            }
        }
        catch (Exception)
        {
            // Connection cut.
        }

        try
        {
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception)
        {
            // Already closed.
        }
    }
}
