using System.Runtime.InteropServices;

namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>
/// The libpcap calls behind <see cref="LibpcapCaptureSource"/> (Debian's <c>libpcap0.8</c> package ships
/// <c>libpcap.so.0.8</c>, the soname of libpcap 1.x). <c>struct pcap_pkthdr</c> is a 64-bit <c>timeval</c> and two
/// 32-bit lengths on x86-64 and arm64 [pcap/pcap.h].
/// </summary>
internal static partial class PcapNative
{
    public const string Library = "libpcap.so.0.8";
    public const int ErrorBufferSize = 256; // PCAP_ERRBUF_SIZE
    public const int NextPacket = 1;
    public const int NextTimeout = 0;
    public const int NextEndOfFile = -2;   // PCAP_ERROR_BREAK: no more packets in a savefile

    [StructLayout(LayoutKind.Sequential)]
    public struct PacketHeader
    {
        public long Seconds;
        public long Microseconds;
        public uint CapturedLength;
        public uint Length;
    }

    [LibraryImport(Library, EntryPoint = "pcap_create", StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial nint Create(string device, byte* errorBuffer);

    [LibraryImport(Library, EntryPoint = "pcap_set_snaplen")]
    public static partial int SetSnapLength(nint handle, int snapLength);

    [LibraryImport(Library, EntryPoint = "pcap_set_timeout")]
    public static partial int SetTimeout(nint handle, int milliseconds);

    [LibraryImport(Library, EntryPoint = "pcap_set_immediate_mode")]
    public static partial int SetImmediateMode(nint handle, int immediate);

    [LibraryImport(Library, EntryPoint = "pcap_activate")]
    public static partial int Activate(nint handle);

    [LibraryImport(Library, EntryPoint = "pcap_open_offline", StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial nint OpenOffline(string path, byte* errorBuffer);

    [LibraryImport(Library, EntryPoint = "pcap_datalink")]
    public static partial int DataLink(nint handle);

    [LibraryImport(Library, EntryPoint = "pcap_next_ex")]
    public static unsafe partial int NextEx(nint handle, PacketHeader** header, byte** data);

    [LibraryImport(Library, EntryPoint = "pcap_geterr")]
    public static partial nint GetError(nint handle);

    [LibraryImport(Library, EntryPoint = "pcap_statustostr")]
    public static partial nint StatusToString(int status);

    [LibraryImport(Library, EntryPoint = "pcap_close")]
    public static partial void Close(nint handle);

    public static string ErrorOf(nint handle) => Marshal.PtrToStringUTF8(GetError(handle)) ?? "unknown libpcap error";

    public static unsafe string Text(byte* buffer) => Marshal.PtrToStringUTF8((nint)buffer) ?? string.Empty;
}
