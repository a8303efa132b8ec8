using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>Opening and configuring a tty for <see cref="TtyStream"/>, its wake-up pipe, and blocking-with-timeout writes.</summary>
internal static class TtyOpener
{
    private const int ENoEnt = 2;
    private const int EAcces = 13;
    private const int ENotTy = 25;

    /// <summary>Opens the device non-blocking and sets raw 8N1 at <paramref name="baud"/> bits per second.</summary>
    public static unsafe SafeFileHandle OpenDevice(string path, int baud)
    {
        // The name is resolved as given, so a symlink (udev by-id, the simulator's stable pty link) works.
        var fd = TtyNative.Open(path, TtyNative.ORdWr | TtyNative.ONoCtty | TtyNative.ONonBlock | TtyNative.OCloExec);
        if (fd < 0)
        {
            var (errno, message) = TtyNative.LastError();
            throw errno switch
            {
                ENoEnt => new FileNotFoundException($"serial device {path} does not exist", path),
                EAcces => new UnauthorizedAccessException($"no permission to open serial device {path}"),
                _ => new IOException($"cannot open serial device {path}: {message} (errno {errno})"),
            };
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            Configure(fd, path, baud);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>A non-blocking, close-on-exec pipe: (read end, write end).</summary>
    public static unsafe (SafeFileHandle Read, SafeFileHandle Write) OpenWakePipe()
    {
        var fds = stackalloc int[2];
        if (TtyNative.Pipe2(fds, TtyNative.ONonBlock | TtyNative.OCloExec) != 0)
        {
            var (errno, message) = TtyNative.LastError();
            throw new IOException($"pipe2 failed: {message} (errno {errno})");
        }

        return (new SafeFileHandle(fds[0], ownsHandle: true), new SafeFileHandle(fds[1], ownsHandle: true));
    }

    /// <summary>Writes every byte, waiting for the driver's buffer to drain at most <paramref name="timeout"/> in all.</summary>
    public static unsafe void WriteAll(int fd, ReadOnlySpan<byte> data, TimeSpan timeout, string path)
    {
        var start = Stopwatch.GetTimestamp();
        fixed (byte* p = data)
        {
            var done = 0;
            while (done < data.Length)
            {
                var n = TtyNative.Write(fd, p + done, (nuint)(data.Length - done));
                if (n >= 0)
                {
                    done += (int)n;
                    continue;
                }

                var (errno, message) = TtyNative.LastError();
                if (errno == TtyNative.EIntr)
                {
                    continue;
                }

                if (errno != TtyNative.EAgain)
                {
                    throw new IOException($"write to {path} failed: {message} (errno {errno})");
                }

                var left = timeout - Stopwatch.GetElapsedTime(start);
                var pfd = new TtyNative.PollFd { Fd = fd, Events = TtyNative.PollOut };
                if (left <= TimeSpan.Zero || TtyNative.Poll(&pfd, 1, (int)Math.Ceiling(left.TotalMilliseconds)) == 0)
                {
                    throw new TimeoutException($"write to {path}: {data.Length - done} bytes not accepted within {timeout.TotalMilliseconds:0} ms");
                }
            }
        }
    }

    private static unsafe void Configure(int fd, string path, int baud)
    {
        var termios = stackalloc byte[256]; // struct termios is 60 bytes; room to spare
        if (TtyNative.TcGetAttr(fd, termios) != 0)
        {
            var (errno, message) = TtyNative.LastError();
            throw new IOException(errno == ENotTy ? $"{path} is not a serial device (tty)" : $"tcgetattr on {path} failed: {message} (errno {errno})");
        }

        // Raw: no echo, no line editing, no CR/LF mapping, no signals; 8 data bits (cfmakeraw sets CS8).
        TtyNative.CfMakeRaw(termios);
        ref var cflag = ref *(uint*)(termios + TtyNative.CflagOffset);
        cflag |= TtyNative.CLocal | TtyNative.CRead;
        cflag &= ~(TtyNative.CStopB | TtyNative.ParEnb | TtyNative.CrtsCts);
        var standard = TtyNative.TrySpeed(baud, out var speed);
        if (TtyNative.CfSetSpeed(termios, standard ? speed : 0xF /* B38400 until the custom rate below */) != 0
            || TtyNative.TcSetAttr(fd, 0 /* TCSANOW */, termios) != 0)
        {
            Fail(path, "cannot configure serial device");
        }

        if (!standard)
        {
            SetCustomSpeed(fd, path, baud);
        }

        // Exclusive: a second process opening the port fails with EBUSY instead of stealing half the bytes.
        _ = TtyNative.Ioctl(fd, TtyNative.TiocExcl);
    }

    /// <summary>A rate without a Bnnn constant (e.g. 250000): termios2 with BOTHER carries it in bits per second.</summary>
    private static unsafe void SetCustomSpeed(int fd, string path, int baud)
    {
        var termios2 = stackalloc byte[64]; // struct termios2 is 44 bytes
        if (TtyNative.Ioctl(fd, TtyNative.TcGetS2, termios2) != 0)
        {
            Fail(path, $"cannot set the non-standard baud rate {baud} on");
        }

        ref var cflag = ref *(uint*)(termios2 + TtyNative.CflagOffset);
        cflag = (cflag & ~TtyNative.CBaud) | TtyNative.BOther;
        *(uint*)(termios2 + TtyNative.Termios2ISpeedOffset) = (uint)baud;
        *(uint*)(termios2 + TtyNative.Termios2OSpeedOffset) = (uint)baud;
        if (TtyNative.Ioctl(fd, TtyNative.TcSetS2, termios2) != 0)
        {
            Fail(path, $"cannot set the non-standard baud rate {baud} on");
        }
    }

    private static void Fail(string path, string what)
    {
        var (errno, message) = TtyNative.LastError();
        throw new IOException($"{what} {path}: {message} (errno {errno})");
    }
}
