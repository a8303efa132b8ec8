using System.Runtime.InteropServices;

namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>
/// The libc calls behind <see cref="TtyStream"/> (Linux; glibc's <c>struct termios</c> and the asm-generic constants,
/// identical on x86-64 and arm64).
/// </summary>
internal static partial class TtyNative
{
    public const int ORdWr = 0x2;           // O_RDWR
    public const int ONoCtty = 0x100;       // O_NOCTTY (0400): opening a tty must not make it our controlling terminal
    public const int ONonBlock = 0x800;     // O_NONBLOCK (04000)
    public const int OCloExec = 0x80000;    // O_CLOEXEC (02000000)
    public const short PollIn = 0x1;
    public const short PollOut = 0x4;
    public const short PollErr = 0x8;
    public const short PollHup = 0x10;
    public const short PollNval = 0x20;
    public const int EIntr = 4;
    public const int EIo = 5;
    public const int EAgain = 11;
    public const int TermiosSize = 60;      // 4 x tcflag_t, c_line, c_cc[32], c_ispeed, c_ospeed (+ padding)
    public const int CflagOffset = 8;
    public const uint CStopB = 0x40;        // CSTOPB (0100): 2 stop bits; we want 1
    public const uint CRead = 0x80;         // CREAD (0200): enable the receiver
    public const uint ParEnb = 0x100;       // PARENB (0400): parity; we want none
    public const uint CLocal = 0x800;       // CLOCAL (04000): ignore modem lines (no carrier on a 3-wire link)
    public const uint CrtsCts = 0x80000000; // CRTSCTS: hardware flow control; we want none
    public const nuint TiocExcl = 0x540C;   // TIOCEXCL: further opens fail with EBUSY (as System.IO.Ports does)
    public const nuint TcGetS2 = 0x802C542A; // TCGETS2 = _IOR('T', 0x2A, struct termios2): 44 bytes, asm-generic encoding
    public const nuint TcSetS2 = 0x402C542B; // TCSETS2 = _IOW('T', 0x2B, struct termios2)
    public const uint CBaud = 0x100F;       // CBAUD (0010017): the speed bits of c_cflag
    public const uint BOther = 0x1000;      // BOTHER (0010000): the speed is in c_ispeed/c_ospeed, in bits per second
    public const int Termios2ISpeedOffset = 36; // 4 x tcflag_t, c_line, c_cc[19]
    public const int Termios2OSpeedOffset = 40;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short REvents;
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static unsafe partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    public static unsafe partial int Pipe2(int* fds, int flags);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static unsafe partial int Ioctl(int fd, nuint request, byte* argument);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    public static unsafe partial int TcGetAttr(int fd, byte* termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    public static unsafe partial int TcSetAttr(int fd, int optionalActions, byte* termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    public static unsafe partial void CfMakeRaw(byte* termios);

    [LibraryImport("libc", EntryPoint = "cfsetspeed", SetLastError = true)]
    public static unsafe partial int CfSetSpeed(byte* termios, uint speed);

    /// <summary>The errno of the last failed call, with its text.</summary>
    public static (int Errno, string Message) LastError()
    {
        var errno = Marshal.GetLastPInvokeError();
        return (errno, Marshal.GetPInvokeErrorMessage(errno));
    }

    /// <summary>The termios speed constant (Bnnn) of a baud rate; false for a rate Linux has no constant for.</summary>
    public static bool TrySpeed(int baud, out uint speed)
    {
        speed = baud switch
        {
            1200 => 0x9,      // B1200 (0000011)
            2400 => 0xB,      // B2400 (0000013)
            4800 => 0xC,      // B4800 (0000014)
            9600 => 0xD,      // B9600 (0000015)
            19200 => 0xE,     // B19200 (0000016)
            38400 => 0xF,     // B38400 (0000017)
            57600 => 0x1001,  // B57600 (0010001)
            115200 => 0x1002, // B115200 (0010002)
            230400 => 0x1003, // B230400 (0010003)
            460800 => 0x1004, // B460800 (0010004)
            500000 => 0x1005, // B500000 (0010005)
            576000 => 0x1006, // B576000 (0010006)
            921600 => 0x1007, // B921600 (0010007)
            1000000 => 0x1008, // B1000000 (0010010)
            1500000 => 0x100A, // B1500000 (0010012)
            2000000 => 0x100B, // B2000000 (0010013)
            3000000 => 0x100D, // B3000000 (0010015)
            4000000 => 0x100F, // B4000000 (0010017)
            _ => 0,
        };
        return speed != 0;
    }
}
