using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Reintegratie.Edge.Gateway.Tests.Systemd;

/// <summary>A real Unix datagram socket standing in for systemd's NOTIFY_SOCKET; collects every datagram.</summary>
internal sealed class NotifyListener : IDisposable
{
    private readonly Socket _socket;
    private readonly string? _directory;
    private readonly Channel<string> _messages = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiver;

    private NotifyListener(Socket socket, string address, string? directory)
    {
        _socket = socket;
        Address = address;
        _directory = directory;
        _receiver = Task.Run(ReceiveAsync);
    }

    /// <summary>The NOTIFY_SOCKET value.</summary>
    public string Address { get; }

    public static NotifyListener OnPath()
    {
        var dir = Directory.CreateTempSubdirectory("notify-").FullName;
        var path = Path.Combine(dir, "notify.sock");
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return new NotifyListener(socket, path, dir);
    }

    public static NotifyListener Abstract()
    {
        var name = $"reintegratie-edge-test-{Guid.NewGuid():N}";
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint("\0" + name));
        return new NotifyListener(socket, "@" + name, null);
    }

    /// <summary>The next datagram, or a failed test after a generous timeout.</summary>
    public async Task<string> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _messages.Reader.ReadAsync(timeout.Token);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            _receiver.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }

        _stop.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[4096];
        while (!_stop.IsCancellationRequested)
        {
            int n;
            try
            {
                n = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            await _messages.Writer.WriteAsync(Encoding.UTF8.GetString(buffer, 0, n));
        }
    }
}
