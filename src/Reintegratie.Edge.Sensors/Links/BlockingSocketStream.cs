using System.Net.Sockets;

namespace Reintegratie.Edge.Sensors.Links;

/// <summary>
/// A connected sensor socket read and written with blocking system calls on the calling thread, also through the
/// <c>*Async</c> methods (they return completed tasks). A sensor link runs on its own thread
/// (<see cref="SensorLinkListener"/>): so nothing it does, not the TLS handshake, not a frame handed into a full ring,
/// ever runs on the socket engine's thread, where with inline socket completions every other socket of the process
/// (the MQTT session, the embedded broker) is served. A link that blocks holds its own thread and, through the
/// unread socket buffer, its sensor's TCP window: backpressure to the sensor, nothing lost.
/// </summary>
/// <remarks>
/// A blocking call is ended by <see cref="Abort"/> (shutdown of both directions: the read returns 0, the write
/// fails); a read or write whose token is cancelled then throws <see cref="OperationCanceledException"/> for that
/// token, as an asynchronous socket read would. The owner registers <see cref="Abort"/> on the tokens that end the
/// link (handshake timeout, idle timeout, replacement, shutdown).
/// </remarks>
internal sealed class BlockingSocketStream : Stream
{
    private readonly Socket _socket;

    /// <summary>Takes ownership of <paramref name="socket"/> (connected, in blocking mode).</summary>
    public BlockingSocketStream(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        socket.Blocking = true;
        _socket = socket;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Ends any blocking read or write at once; the socket is of no further use. Safe from any thread, more than once.</summary>
    public static void Abort(object? socket)
    {
        try
        {
            ((Socket)socket!).Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // not connected any more, or closed: nothing blocks on it
        }
    }

    public override int Read(Span<byte> buffer) => Receive(buffer, CancellationToken.None);

    public override int Read(byte[] buffer, int offset, int count) => Receive(buffer.AsSpan(offset, count), CancellationToken.None);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Receive(buffer.Span, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Receive(buffer.AsSpan(offset, count), cancellationToken));

    public override void Write(ReadOnlySpan<byte> buffer) => Send(buffer, CancellationToken.None);

    public override void Write(byte[] buffer, int offset, int count) => Send(buffer.AsSpan(offset, count), CancellationToken.None);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Send(buffer.Span, cancellationToken);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Send(buffer.AsSpan(offset, count), cancellationToken);
        return Task.CompletedTask;
    }

    public override void Flush()
    {
        // every write is a send
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _socket.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Receive(Span<byte> buffer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int n;
        try
        {
            n = _socket.Receive(buffer);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            cancellationToken.ThrowIfCancellationRequested(); // aborted for the token: report it as the cancellation it is
            throw new IOException($"sensor link read failed: {e.Message}", e);
        }

        if (n == 0)
        {
            cancellationToken.ThrowIfCancellationRequested(); // an abort also ends a read with 0
        }

        return n;
    }

    private void Send(ReadOnlySpan<byte> buffer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            while (!buffer.IsEmpty)
            {
                buffer = buffer[_socket.Send(buffer)..];
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new IOException($"sensor link write failed: {e.Message}", e);
        }
    }
}
