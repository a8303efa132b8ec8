using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Reintegratie.Edge.Simulator.Transports;

/// <summary>
/// A pseudo-terminal pair (openpty(3)): the simulator writes sensor frames on the master side, the gateway opens the
/// slave path as a serial port exactly as it opens /dev/ttyUSB0. Optionally a symlink with a stable name points at the
/// slave, so a test can close the pair (the cable is pulled) and create a new one under the same name (plugged back).
/// </summary>
public sealed partial class PtyPair : IDisposable
{
    private readonly SafeFileHandle _master;
    private readonly SafeFileHandle _slave;
    private readonly string? _link;

    private PtyPair(SafeFileHandle master, SafeFileHandle slave, string slavePath, string? link)
    {
        _master = master;
        _slave = slave;
        SlavePath = slavePath;
        _link = link;
        Master = new FileStream(master, FileAccess.ReadWrite, bufferSize: 0);
    }

    /// <summary>The slave device (/dev/pts/N).</summary>
    public string SlavePath { get; }

    /// <summary>The path to give the gateway: the symlink when one was asked for, else <see cref="SlavePath"/>.</summary>
    public string DevicePath => _link ?? SlavePath;

    /// <summary>The master side: write frames here, read what the gateway sends.</summary>
    public FileStream Master { get; }

    /// <summary>Opens a pair in raw mode (no echo, no line discipline), optionally linked at <paramref name="linkPath"/>.</summary>
    public static PtyPair Open(string? linkPath = null)
    {
        if (openpty(out var master, out var slave, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "openpty failed");
        }

        // Raw mode on the slave before anyone opens it: otherwise the default cooked mode echoes frames back and
        // maps CR/LF before the gateway's serial port sets its own modes.
        var termios = new byte[256];
        if (tcgetattr(slave, termios) == 0)
        {
            cfmakeraw(termios);
            _ = tcsetattr(slave, 0, termios);
        }

        var path = PtsName(master); // ptsname(3) names the slave of a master descriptor
        if (linkPath is not null)
        {
            File.Delete(linkPath);
            File.CreateSymbolicLink(linkPath, path);
        }

        // The simulator keeps a slave handle open so the pair survives the gateway closing and reopening the port.
        return new PtyPair(new SafeFileHandle((IntPtr)master, ownsHandle: true), new SafeFileHandle((IntPtr)slave, ownsHandle: true), path, linkPath);
    }

    /// <summary>Writes a line (CR LF appended) to the master side.</summary>
    public Task WriteLineAsync(string line, CancellationToken cancellationToken) =>
        WriteAsync(System.Text.Encoding.ASCII.GetBytes(line + "\r\n"), cancellationToken);

    /// <summary>Writes bytes (a binary frame) to the master side.</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await Master.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await Master.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes both sides (the gateway's reads fail as when a USB adapter is pulled) and removes the link.</summary>
    public void Dispose()
    {
        Master.Dispose();
        _slave.Dispose();
        _master.Dispose();
        if (_link is not null && File.Exists(_link))
        {
            File.Delete(_link);
        }
    }

    private static string PtsName(int fd)
    {
        var buf = new byte[128];
        var rc = ptsname_r(fd, buf, (nuint)buf.Length);
        if (rc != 0)
        {
            throw new Win32Exception(rc, "ptsname_r failed");
        }

        return System.Text.Encoding.ASCII.GetString(buf, 0, Array.IndexOf(buf, (byte)0));
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int openpty(out int master, out int slave, IntPtr name, IntPtr termp, IntPtr winp);

    [LibraryImport("libc")]
    private static partial int ptsname_r(int fd, [Out] byte[] buf, nuint buflen);

    [LibraryImport("libc")]
    private static partial int tcgetattr(int fd, [Out] byte[] termios);

    [LibraryImport("libc")]
    private static partial int tcsetattr(int fd, int optionalActions, byte[] termios);

    [LibraryImport("libc")]
    private static partial void cfmakeraw([In, Out] byte[] termios);
}
