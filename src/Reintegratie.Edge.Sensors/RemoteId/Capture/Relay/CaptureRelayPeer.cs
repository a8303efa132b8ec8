using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Reintegratie.Edge.Sensors.RemoteId.Capture.Relay;

/// <summary>
/// Who is at the other end of a unix socket: SO_PEERCRED gives the uid the kernel recorded at connect, which the peer
/// cannot forge [unix(7)]. Inside a private user namespace (the gateway's <c>PrivateUsers=yes</c>) a uid that is not
/// mapped reads as the overflow uid (65534), so only the gateway's own uid can be recognised there.
/// </summary>
public static partial class CaptureRelayPeer
{
    private const int SolSocket = 1;  // SOL_SOCKET (x86, x86-64, ARM, arm64)
    private const int SoPeerCred = 17; // SO_PEERCRED (same architectures)

    /// <summary>The uid of the process that connected <paramref name="socket"/>.</summary>
    public static uint Uid(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Span<byte> ucred = stackalloc byte[12]; // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        var n = socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred);
        if (n < 12)
        {
            throw new IOException($"SO_PEERCRED returned {n} bytes, expected 12");
        }

        return MemoryMarshal.Read<uint>(ucred[4..]); // native byte order
    }

    /// <summary>This process's effective uid.</summary>
    public static uint Own() => GetEUid();

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEUid();
}
