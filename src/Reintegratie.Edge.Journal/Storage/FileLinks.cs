using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Reintegratie.Edge.Journal.Storage;

/// <summary>
/// How many names an open file still has: <c>st_nlink</c> from <c>fstat(2)</c> on the descriptor (Linux, glibc), one
/// system call, no path and nothing allocated. <c>struct stat</c> differs between x86-64 and arm64 (asm-generic); both
/// are spelt out (as in the bodycam adapter's <c>FileNative</c>), any other architecture is refused.
/// </summary>
internal static partial class FileLinks
{
    private const int StatBytes = 256; // larger than struct stat on both architectures (144 and 128 bytes)

    /// <summary>Where <c>st_nlink</c> is and how wide: after st_dev and st_ino (8 each) on both; 8 bytes on x86-64, 4 on arm64 (after st_mode).</summary>
    private static readonly (int Offset, int Width) s_nlink = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => (16, 8),
        Architecture.Arm64 => (20, 4),
        _ => (-1, 0),
    };

    /// <summary>
    /// The number of directory entries naming the file <paramref name="handle"/> holds: 0 once it was deleted or
    /// replaced by a rename (the descriptor then holds a file no path reaches). Null when fstat fails or the
    /// architecture is not mapped.
    /// </summary>
    public static long? Count(SafeFileHandle handle)
    {
        if (s_nlink.Offset < 0)
        {
            return null;
        }

        Span<byte> stat = stackalloc byte[StatBytes];
        if (FStat((int)handle.DangerousGetHandle(), ref MemoryMarshal.GetReference(stat)) != 0)
        {
            return null;
        }

        var field = stat.Slice(s_nlink.Offset, s_nlink.Width);
        return s_nlink.Width == 8 ? (long)BinaryPrimitives.ReadUInt64LittleEndian(field) : BinaryPrimitives.ReadUInt32LittleEndian(field);
    }

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static partial int FStat(int fd, ref byte buffer);
}
