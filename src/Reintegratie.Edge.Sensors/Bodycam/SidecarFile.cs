using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Reintegratie.Edge.Sensors.Bodycam;

/// <summary>
/// Opens what the docking system dropped without trusting it: no symlink is followed (<c>O_NOFOLLOW</c>), a FIFO or
/// device cannot block the open (<c>O_NONBLOCK</c>), the type is checked on the open descriptor (<c>fstat</c>, so the
/// name cannot be swapped between check and read), and at most the size limit plus one byte is read.
/// </summary>
internal static class SidecarFile
{
    /// <summary>Reads a regular file of at most <paramref name="maxBytes"/> bytes; otherwise false with a reason in plain words.</summary>
    public static bool TryRead(string path, int maxBytes, out byte[] bytes, out string reason)
    {
        bytes = [];
        var fd = FileNative.Open(path, FileNative.ONoFollow | FileNative.ONonBlock | FileNative.OCloExec, 0);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == FileNative.ELoop)
            {
                reason = "the file is a symbolic link; only regular files are read";
                return false;
            }

            throw new IOException($"cannot open the sidecar (errno {errno})");
        }

        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (!FileNative.TryFStat(fd, out var mode, out _, out var size))
        {
            throw new IOException($"cannot stat the sidecar (errno {Marshal.GetLastPInvokeError()})");
        }

        if ((mode & FileNative.SIfMt) != FileNative.SIfReg)
        {
            reason = $"the file is not a regular file (type 0{Convert.ToString(mode & FileNative.SIfMt, 8)}); only regular files are read";
            return false;
        }

        if (size > maxBytes)
        {
            reason = $"the file has {size} bytes; a sidecar is at most {maxBytes}";
            return false;
        }

        // Bounded even if the file grows after fstat: never more than the limit plus one byte is read.
        var buffer = new byte[maxBytes + 1];
        var total = 0;
        while (total < buffer.Length)
        {
            var n = RandomAccess.Read(handle, buffer.AsSpan(total), total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        if (total > maxBytes)
        {
            reason = $"the file grew beyond {maxBytes} bytes while being read";
            return false;
        }

        bytes = buffer.AsSpan(0, total).ToArray();
        reason = string.Empty;
        return true;
    }

    /// <summary>Creates <paramref name="path"/> exclusively (never an existing name, never through a symlink), mode 0600, and writes <paramref name="text"/>.</summary>
    public static bool TryCreateExclusive(string path, string text)
    {
        var fd = FileNative.Open(path, FileNative.OWrOnly | FileNative.OCreat | FileNative.OExcl | FileNative.ONoFollow | FileNative.OCloExec, 0x180); // 0600
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == FileNative.EExist ? false : throw new IOException($"cannot create '{Path.GetFileName(path)}' (errno {errno})");
        }

        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        RandomAccess.Write(handle, System.Text.Encoding.UTF8.GetBytes(text), 0);
        return true;
    }
}
