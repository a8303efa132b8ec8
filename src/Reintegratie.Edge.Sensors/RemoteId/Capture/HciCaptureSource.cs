using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>
/// Bluetooth LE advertising from a local controller (<c>Format: hci</c>) through a raw Linux HCI socket
/// (AF_BLUETOOTH, BTPROTO_HCI, HCI_CHANNEL_RAW). At open it turns LE scanning on (passive, 10 ms interval and window,
/// duplicates NOT filtered so every advertisement and its counter arrive) [Core 5.3, Vol 4, Part E, 7.8.10 and
/// 7.8.11]; each LE Meta event is handed on as link type 201 (H4 with a 4-byte direction header), the same bytes the
/// capture files hold, so <see cref="RemoteIdCaptureDecoder"/> reads it exactly as it reads <c>tcpdump -i bluetooth0</c>.
/// First it asks the controller for its LE features [7.8.3]: with LE Coded PHY and extended advertising it scans
/// extended on LE 1M and LE Coded [7.8.64 and 7.8.65] and so hears Bluetooth 5 Long Range Remote ID (LE Extended
/// Advertising Reports, subevent 0x0D); otherwise it falls back to legacy scanning (Bluetooth 4 Remote ID only, the
/// Pi's own controller) and says why in <see cref="ScanMode"/>. Needs CAP_NET_RAW.
/// </summary>
public sealed unsafe class HciCaptureSource : ICaptureSource
{
    private const int PollMs = 200;
    private const byte HciCommandPacket = 0x01;
    private const ushort LeSetScanParameters = (0x08 << 10) | 0x000B; // OGF 0x08 (LE), OCF 0x000B
    private const ushort LeSetScanEnable = (0x08 << 10) | 0x000C;
    private const ushort LeSetExtendedScanParameters = (0x08 << 10) | 0x0041;
    private const ushort LeSetExtendedScanEnable = (0x08 << 10) | 0x0042;
    private static readonly TimeSpan s_replyTimeout = TimeSpan.FromSeconds(1);
    private readonly byte[] _event = new byte[1024];
    private readonly TimeProvider _time;
    private int _fd;

    /// <summary>Takes over <paramref name="fd"/>, a socket that carries HCI packets (closed on dispose), and starts scanning.</summary>
    public HciCaptureSource(int fd, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fd);
        ArgumentNullException.ThrowIfNull(time);
        _fd = fd;
        _time = time;
        try
        {
            var (longRange, why) = AskFeatures();
            LongRange = longRange;
            ScanMode = why;
            if (longRange)
            {
                // Disable first: parameters cannot change while a scan runs (Command Disallowed). Enable, Filter_Duplicates,
                // Duration, Period [7.8.65]; Own_Address_Type, Scanning_Filter_Policy, Scanning_PHYs (bit 0 LE 1M, bit 2
                // LE Coded), then per PHY Scan_Type, Scan_Interval, Scan_Window [7.8.64]: passive, 10 ms on 1M, 30 ms on
                // Coded (a Long Range advert with a message pack lasts several milliseconds at 125 kb/s).
                Command(LeSetExtendedScanEnable, [0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
                Command(LeSetExtendedScanParameters, [0x00, 0x00, 0x05, 0x00, 0x10, 0x00, 0x10, 0x00, 0x00, 0x30, 0x00, 0x30, 0x00]);
                Command(LeSetExtendedScanEnable, [0x01, 0x00, 0x00, 0x00, 0x00, 0x00]); // on, duplicates kept, until disabled
            }
            else
            {
                // Scan off first: parameters cannot change while a scan runs (Command Disallowed).
                Command(LeSetScanEnable, [0x00, 0x00]);
                Command(LeSetScanParameters, [0x00, 0x10, 0x00, 0x10, 0x00, 0x00, 0x00]); // passive, 10 ms, 10 ms, public, all
                Command(LeSetScanEnable, [0x01, 0x00]); // on, keep duplicates
            }
        }
        catch
        {
            HciNative.Close(fd);
            _fd = -1;
            throw;
        }
    }

    /// <summary>True when the controller scans extended on the Coded PHY and so hears Bluetooth 5 Long Range.</summary>
    public bool LongRange { get; }

    /// <summary>How the controller scans and, for legacy scanning, why (for the log and <c>edgectl doctor</c>).</summary>
    public string ScanMode { get; }

    /// <inheritdoc />
    public bool IsReplay => false;

    /// <summary>Opens controller <c>hci<paramref name="device"/></c>; throws <see cref="IOException"/> with the errno.</summary>
    public static HciCaptureSource Open(int device, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(device);
        var fd = HciNative.Socket(HciNative.AfBluetooth, HciNative.SockRaw | HciNative.SockCloExec, HciNative.BtProtoHci);
        if (fd < 0)
        {
            throw Failure($"socket(AF_BLUETOOTH, BTPROTO_HCI) for hci{device}");
        }

        var address = new HciNative.SockaddrHci { Family = HciNative.AfBluetooth, Device = (ushort)device, Channel = HciNative.HciChannelRaw };
        // Events only: LE Meta (0x3E) for the reports, Command Complete/Status (0x0E, 0x0F) for the replies to ours.
        var filter = new HciNative.Filter { TypeMask = 1u << 4, EventMask0 = (1u << 0x0E) | (1u << 0x0F), EventMask1 = 1u << (0x3E - 32) };
        if (HciNative.Bind(fd, &address, sizeof(HciNative.SockaddrHci)) < 0
            || HciNative.SetSockOpt(fd, HciNative.SolHci, HciNative.HciFilter, &filter, sizeof(HciNative.Filter)) < 0)
        {
            var ex = Failure($"bind/filter hci{device}");
            HciNative.Close(fd);
            throw ex;
        }

        return new HciCaptureSource(fd, time);
    }

    /// <inheritdoc />
    public bool TryRead(byte[] buffer, out int length, out int linkType, out DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        length = 0;
        linkType = (int)CaptureLinkType.BluetoothHciH4WithPhdr;
        timestamp = default;
        var poll = new HciNative.PollFd { Fd = _fd, Events = HciNative.PollIn };
        var ready = HciNative.Poll(&poll, 1, PollMs);
        if (ready == 0 || (ready < 0 && Marshal.GetLastPInvokeError() == HciNative.EIntr))
        {
            return false; // nothing heard within the poll: the reader checks for cancellation and asks again
        }

        nint n;
        fixed (byte* p = _event)
        {
            n = ready < 0 ? -1 : HciNative.Read(_fd, p, (nuint)_event.Length);
        }

        if (n < 0 && Marshal.GetLastPInvokeError() is HciNative.EAgain or HciNative.EIntr)
        {
            return false;
        }

        if (n <= 0)
        {
            // ENODEV when the controller is unplugged or reset, 0 when the peer closed: the supervisor reopens.
            throw n == 0 ? new IOException("HCI socket closed") : Failure("read from the HCI socket");
        }

        // LINKTYPE_BLUETOOTH_HCI_H4_WITH_PHDR: a big-endian direction word (1 = received) before the H4 packet.
        length = Math.Min((int)n + 4, buffer.Length);
        BinaryPrimitives.WriteUInt32BigEndian(buffer, 1);
        _event.AsSpan(0, length - 4).CopyTo(buffer.AsSpan(4));
        timestamp = _time.GetUtcNow(); // arrival time
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_fd < 0)
        {
            return;
        }

        try
        {
            // Leave the controller as we found it.
            if (LongRange)
            {
                Command(LeSetExtendedScanEnable, [0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
            }
            else
            {
                Command(LeSetScanEnable, [0x00, 0x00]);
            }

        }
        catch (IOException)
        {
            // The controller is gone already.
        }

        HciNative.Close(_fd);
        _fd = -1;
    }

    /// <summary>
    /// Sends LE Read Local Supported Features and waits up to a second for its reply, skipping other events (reports of
    /// a scan still running). No reply, a refusal or a controller without Coded PHY means legacy scanning.
    /// </summary>
    private (bool LongRange, string Why) AskFeatures()
    {
        Command(HciLeFeatures.ReadLocalSupportedFeatures, []);
        var started = _time.GetTimestamp();
        while (true)
        {
            var left = s_replyTimeout - _time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return (false, "legacy scanning: the controller did not answer LE Read Local Supported Features; Bluetooth 5 Long Range Remote ID is not heard");
            }

            var poll = new HciNative.PollFd { Fd = _fd, Events = HciNative.PollIn };
            var ready = HciNative.Poll(&poll, 1, (int)Math.Ceiling(left.TotalMilliseconds));
            if (ready <= 0)
            {
                continue; // timed out or interrupted: the deadline decides
            }

            nint n;
            fixed (byte* p = _event)
            {
                n = HciNative.Read(_fd, p, (nuint)_event.Length);
            }

            if (n <= 0)
            {
                throw n == 0 ? new IOException("HCI socket closed") : Failure("read from the HCI socket");
            }

            if (!HciLeFeatures.TryReadReply(_event.AsSpan(0, (int)n), out var status, out var features))
            {
                continue;
            }

            if (status != 0)
            {
                return (false, $"legacy scanning: the controller refused LE Read Local Supported Features (status 0x{status:X2}); Bluetooth 5 Long Range Remote ID is not heard");
            }

            return HciLeFeatures.HearsLongRange(features)
                ? (true, $"extended scanning on LE 1M and LE Coded: Bluetooth 5 Long Range Remote ID is heard (LE features 0x{features:X16})")
                : (false, $"legacy scanning: the controller has no {((features & HciLeFeatures.CodedPhy) == 0 ? "LE Coded PHY" : "LE extended advertising")} (LE features 0x{features:X16}); Bluetooth 5 Long Range Remote ID is not heard, see hardware/remote-id-receivers.md");
        }
    }

    private void Command(ushort opcode, ReadOnlySpan<byte> parameters)
    {
        Span<byte> packet = stackalloc byte[4 + parameters.Length];
        packet[0] = HciCommandPacket;
        BinaryPrimitives.WriteUInt16LittleEndian(packet[1..], opcode);
        packet[3] = (byte)parameters.Length;
        parameters.CopyTo(packet[4..]);
        fixed (byte* p = packet)
        {
            if (HciNative.Write(_fd, p, (nuint)packet.Length) != packet.Length)
            {
                throw Failure($"HCI command 0x{opcode:X4}");
            }
        }
    }

    private static IOException Failure(string what) =>
        new($"{what} failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())} (errno {Marshal.GetLastPInvokeError()})");
}
