using System.Runtime.InteropServices;

namespace Reintegratie.Edge.Sensors.Bodycam;

/// <summary>
/// The libc calls behind <see cref="SidecarFile"/> (Linux, glibc). <c>O_NOFOLLOW</c> and the <c>struct stat</c> layout
/// differ between x86-64 and arm64 (asm-generic); both are spelt out, any other architecture is refused.
/// </summary>
internal static partial class FileNative
{
    public const int OWrOnly = 0x1;          // O_WRONLY
    public const int OCreat = 0x40;          // O_CREAT (0100)
    public const int OExcl = 0x80;           // O_EXCL (0200): fails on any existing name, a dangling symlink included
    public const int ONonBlock = 0x800;      // O_NONBLOCK (04000): opening a FIFO must not wait for a writer
    public const int OCloExec = 0x80000;     // O_CLOEXEC (02000000)
    public const int ELoop = 40;             // ELOOP: O_NOFOLLOW met a symlink
    public const int EExist = 17;            // EEXIST
    public const int SIfMt = 0xF000;         // S_IFMT
    public const int SIfReg = 0x8000;        // S_IFREG
    public const int SIfDir = 0x4000;        // S_IFDIR
    private const int StatBytes = 256;       // larger than struct stat on both architectures (144 and 128 bytes)
    private const int SizeOffset = 48;       // st_size: offset 48 on x86-64 and on arm64

    /// <summary>O_NOFOLLOW: 0400000 on x86-64, 0100000 on arm64 (asm-generic).</summary>
    public static int ONoFollow => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 0x20000,
        Architecture.Arm64 => 0x8000,
        var a => throw new PlatformNotSupportedException($"O_NOFOLLOW is not mapped for {a}"),
    };

    /// <summary>The mode, owner and size of an open descriptor.</summary>
    public static unsafe bool TryFStat(int fd, out int mode, out uint uid, out long size) => TryStat(fd, null, out mode, out uid, out size);

    /// <summary>The mode, owner and size of a path without following a final symlink.</summary>
    public static unsafe bool TryLStat(string path, out int mode, out uint uid, out long size) => TryStat(-1, path, out mode, out uid, out size);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEUid();

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static unsafe partial int FStat(int fd, byte* buffer);

    [LibraryImport("libc", EntryPoint = "lstat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int LStat(string path, byte* buffer);

    private static unsafe bool TryStat(int fd, string? path, out int mode, out uint uid, out long size)
    {
        var (modeOffset, uidOffset) = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => (24, 28),   // st_dev, st_ino, st_nlink (8 each), then st_mode, st_uid
            Architecture.Arm64 => (16, 24), // st_dev, st_ino, then st_mode, st_nlink (4), st_uid
            var a => throw new PlatformNotSupportedException($"struct stat is not mapped for {a}"),
        };
        var buffer = stackalloc byte[StatBytes];
        var rc = path is null ? FStat(fd, buffer) : LStat(path, buffer);
        if (rc != 0)
        {
            mode = 0;
            uid = 0;
            size = 0;
            return false;
        }

        mode = *(int*)(buffer + modeOffset);
        uid = *(uint*)(buffer + uidOffset);
        size = *(long*)(buffer + SizeOffset);
        return true;
    }
}
