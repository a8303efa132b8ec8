using System.Runtime.InteropServices;

namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>
/// The libc socket calls and Linux Bluetooth constants behind <see cref="HciCaptureSource"/> [linux/include/net/bluetooth/
/// bluetooth.h and hci_sock.h; the values are the same on every architecture].
/// </summary>
internal static partial class HciNative
{
    public const int AfBluetooth = 31;       // AF_BLUETOOTH
    public const int AfUnix = 1;             // AF_UNIX (tests: a socketpair stands in for the controller)
    public const int SockRaw = 3;            // SOCK_RAW
    public const int SockSeqPacket = 5;      // SOCK_SEQPACKET: keeps packet boundaries, as an HCI socket does
    public const int SockCloExec = 0x80000;  // SOCK_CLOEXEC
    public const int BtProtoHci = 1;         // BTPROTO_HCI
    public const ushort HciChannelRaw = 0;   // HCI_CHANNEL_RAW: commands out, events in, beside bluetoothd
    public const int SolHci = 0;             // SOL_HCI
    public const int HciFilter = 2;          // HCI_FILTER
    public const short PollIn = 0x1;
    public const int EIntr = 4;
    public const int EAgain = 11;

    [StructLayout(LayoutKind.Sequential)]
    public struct SockaddrHci
    {
        public ushort Family;
        public ushort Device;
        public ushort Channel;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Filter
    {
        public uint TypeMask;
        public uint EventMask0;
        public uint EventMask1;
        public ushort Opcode;
        public ushort Padding; // struct hci_ufilter is 16 bytes with its tail padding
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short REvents;
    }

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "socketpair", SetLastError = true)]
    public static unsafe partial int SocketPair(int domain, int type, int protocol, int* fds);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    public static unsafe partial int Bind(int fd, SockaddrHci* address, int length);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static unsafe partial int SetSockOpt(int fd, int level, int name, void* value, int length);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static unsafe partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}
