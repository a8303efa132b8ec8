using Microsoft.Win32.SafeHandles;

namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>
/// A serial device (a tty: /dev/ttyUSB0, /dev/ttyAMA0, a pty slave, or a symlink to one) opened raw, 8N1, no flow
/// control, non-blocking. Reads that find no data park on a per-port poll thread (<see cref="TtyReadPoller"/>) and
/// complete there, one wake-up per burst of data. A hang-up (USB adapter pulled, pty master closed) ends the stream
/// (a read returns 0); other device errors throw <see cref="IOException"/>. Disposing closes the device.
/// </summary>
public sealed class TtyStream : Stream
{
    private static readonly TimeSpan s_writeTimeout = TimeSpan.FromSeconds(1);
    private readonly SafeFileHandle _device;
    private readonly SafeFileHandle _wakeRead;
    private readonly SafeFileHandle _wakeWrite;
    private readonly TtyReadPoller _poller;
    private readonly string _path;
    private bool _disposed;

    private TtyStream(SafeFileHandle device, SafeFileHandle wakeRead, SafeFileHandle wakeWrite, string path)
    {
        _device = device;
        _wakeRead = wakeRead;
        _wakeWrite = wakeWrite;
        _path = path;
        _poller = new TtyReadPoller(device, wakeRead, wakeWrite, path);
    }

    /// <inheritdoc />
    public override bool CanRead => !_disposed;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => !_disposed;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Opens <paramref name="path"/> at <paramref name="baud"/> (a standard rate, or any other through termios2), 8N1,
    /// raw. Throws <see cref="FileNotFoundException"/> when it is not there, <see cref="UnauthorizedAccessException"/>
    /// without permission, <see cref="ArgumentOutOfRangeException"/> for a rate outside 50..4000000,
    /// <see cref="IOException"/> for anything else (not a tty, busy, a rate the driver refuses).
    /// </summary>
    public static TtyStream Open(string path, int baud)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (baud is < 50 or > 4_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(baud), baud, "expected a baud rate of 50..4000000, e.g. 115200");
        }

        var device = TtyOpener.OpenDevice(path, baud);
        try
        {
            var (wakeRead, wakeWrite) = TtyOpener.OpenWakePipe();
            return new TtyStream(device, wakeRead, wakeWrite, path);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var fd = (int)_device.DangerousGetHandle();
        var wake = (int)_wakeRead.DangerousGetHandle();
        while (true)
        {
            var n = ReadNonBlocking(fd, buffer, _path);
            if (n >= 0)
            {
                return n;
            }

            PollReadable(fd, wake, _path);
            if (_disposed)
            {
                return 0;
            }
        }
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return ValueTask.FromResult(0);
        }

        // Whatever is already there is returned at once, on the caller's thread; otherwise the read parks.
        var n = ReadNonBlocking((int)_device.DangerousGetHandle(), buffer.Span, _path);
        return n >= 0 ? ValueTask.FromResult(n) : _poller.WaitAndReadAsync(buffer, cancellationToken);
    }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        TtyOpener.WriteAll((int)_device.DangerousGetHandle(), buffer, s_writeTimeout, _path);
    }

    /// <inheritdoc />
    public override void Flush()
    {
        // Writes go straight to the driver: nothing is buffered here.
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Reads what the device has: the byte count, 0 at hang-up (end of stream), -1 when it has nothing yet.</summary>
    internal static unsafe int ReadNonBlocking(int fd, Span<byte> buffer, string path)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = TtyNative.Read(fd, p, (nuint)buffer.Length);
                if (n >= 0)
                {
                    return (int)n;
                }

                var (errno, message) = TtyNative.LastError();
                switch (errno)
                {
                    case TtyNative.EIntr:
                        continue;
                    case TtyNative.EAgain:
                        return -1;
                    case TtyNative.EIo:
                        return 0; // hang-up: the device is gone (USB pulled) or the pty master closed
                    default:
                        throw new IOException($"read from {path} failed: {message} (errno {errno})");
                }
            }
        }
    }

    /// <summary>Sleeps until the device is readable (or hung up) or the wake pipe is signalled; true for the device.</summary>
    internal static unsafe bool PollReadable(int device, int wake, string path)
    {
        var fds = stackalloc TtyNative.PollFd[2];
        fds[0] = new TtyNative.PollFd { Fd = device, Events = TtyNative.PollIn };
        fds[1] = new TtyNative.PollFd { Fd = wake, Events = TtyNative.PollIn };
        if (TtyNative.Poll(fds, 2, -1) < 0)
        {
            var (errno, message) = TtyNative.LastError();
            return errno == TtyNative.EIntr ? false : throw new IOException($"poll on {path} failed: {message} (errno {errno})");
        }

        if ((fds[1].REvents & TtyNative.PollIn) != 0)
        {
            Span<byte> drain = stackalloc byte[64];
            fixed (byte* p = drain)
            {
                _ = TtyNative.Read(wake, p, (nuint)drain.Length); // non-blocking pipe: empties it, or EAGAIN
            }
        }

        if ((fds[0].REvents & TtyNative.PollNval) != 0)
        {
            throw new IOException($"poll on {path}: the descriptor is no longer valid");
        }

        return (fds[0].REvents & (TtyNative.PollIn | TtyNative.PollHup | TtyNative.PollErr)) != 0;
    }

    /// <summary>Wakes a thread in <see cref="PollReadable"/>.</summary>
    internal static unsafe void Signal(SafeFileHandle wakeWrite)
    {
        if (wakeWrite.IsClosed)
        {
            return;
        }

        byte one = 1;
        _ = TtyNative.Write((int)wakeWrite.DangerousGetHandle(), &one, 1); // a full pipe is already a pending wake-up
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _poller.Stop();
            Signal(_wakeWrite);

            // The poll thread holds its own references: the descriptors close when it lets go of them.
            _device.Dispose();
            _wakeRead.Dispose();
            _wakeWrite.Dispose();
        }

        base.Dispose(disposing);
    }
}
