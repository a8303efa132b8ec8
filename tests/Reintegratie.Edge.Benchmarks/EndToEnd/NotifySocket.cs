using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>
/// The systemd side of sd_notify(3): a Unix datagram socket the gateway finds in NOTIFY_SOCKET. Records the
/// <see cref="Stopwatch"/> timestamp of the first <c>READY=1</c>.
/// </summary>
internal sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly Thread _thread;
    private long _readyTimestamp;

    public NotifySocket(string path)
    {
        Path = path;
        File.Delete(path);
        _socket.Bind(new UnixDomainSocketEndPoint(path));
        _thread = new Thread(Receive) { IsBackground = true, Name = "notify-socket" };
        _thread.Start();
    }

    public string Path { get; }

    /// <summary>Stopwatch timestamp of READY=1, or 0.</summary>
    public long ReadyTimestamp => Interlocked.Read(ref _readyTimestamp);

    public void Reset() => Interlocked.Exchange(ref _readyTimestamp, 0);

    public void Dispose()
    {
        _socket.Dispose();
        File.Delete(Path);
    }

    private void Receive()
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var n = _socket.Receive(buffer);
                var now = Stopwatch.GetTimestamp();
                var text = Encoding.UTF8.GetString(buffer, 0, n);
                if (text.Split('\n').Contains("READY=1"))
                {
                    Interlocked.CompareExchange(ref _readyTimestamp, now, 0);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Disposed.
        }
    }
}
