namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>
/// Packets through libpcap: a live interface (a USB Wi-Fi adapter in monitor mode, radiotap link type) or a savefile
/// opened through the same handle API (<c>pcap_open_offline</c>), so tests run the very code a live capture runs.
/// The link type is checked at open: one the Remote ID decoder does not read (an interface not in monitor mode shows
/// Ethernet, link type 1) stops the open with the reason, and the adapter retries with backoff.
/// Read on one task; a live read returns false when nothing arrived within the read timeout, so the reader can stop.
/// </summary>
public sealed unsafe class LibpcapCaptureSource : ICaptureSource
{
    private nint _handle;

    private LibpcapCaptureSource(nint handle, bool replay, string name)
    {
        _handle = handle;
        IsReplay = replay;
        LinkType = PcapNative.DataLink(handle);
        if (!RemoteIdCaptureDecoder.Supports(LinkType))
        {
            PcapNative.Close(handle);
            _handle = 0;
            throw new CaptureFormatException(
                $"{name}: link type {LinkType} carries no Remote ID we decode; a Wi-Fi interface must be in monitor mode (radiotap, 127)");
        }
    }

    /// <inheritdoc />
    public bool IsReplay { get; }

    /// <summary>The handle's link type (tcpdump.org LINKTYPE_*).</summary>
    public int LinkType { get; }

    /// <summary>
    /// Opens <paramref name="interfaceName"/> live (immediate mode: each frame as it comes). Needs CAP_NET_RAW; the
    /// interface must be in monitor mode already (<c>edgectl doctor</c> checks). Throws <see cref="IOException"/> with
    /// libpcap's reason, or <see cref="CaptureFormatException"/> for a link type we cannot read.
    /// </summary>
    public static LibpcapCaptureSource OpenLive(string interfaceName, TimeSpan readTimeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        var error = stackalloc byte[PcapNative.ErrorBufferSize];
        var handle = PcapNative.Create(interfaceName, error);
        if (handle == 0)
        {
            throw new IOException($"libpcap cannot open {interfaceName}: {PcapNative.Text(error)}");
        }

        // Immediate mode: each frame is delivered as it comes, not when the kernel buffer fills.
        var status = PcapNative.SetSnapLength(handle, 65535) | PcapNative.SetTimeout(handle, (int)Math.Clamp(readTimeout.TotalMilliseconds, 1, 10_000))
            | PcapNative.SetImmediateMode(handle, 1);
        if (status == 0)
        {
            status = PcapNative.Activate(handle);
        }

        if (status < 0)
        {
            // PCAP_ERROR_PERM_DENIED (-8) without CAP_NET_RAW, PCAP_ERROR_NO_SUCH_DEVICE (-5), PCAP_ERROR_IFACE_NOT_UP (-9).
            var reason = $"{System.Runtime.InteropServices.Marshal.PtrToStringUTF8(PcapNative.StatusToString(status))}: {PcapNative.ErrorOf(handle)}";
            PcapNative.Close(handle);
            throw new IOException($"libpcap cannot capture on {interfaceName} ({reason})");
        }

        return new LibpcapCaptureSource(handle, replay: false, interfaceName);
    }

    /// <summary>Opens a pcap or pcapng savefile through libpcap; packet times pace the replay.</summary>
    public static LibpcapCaptureSource OpenOffline(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var error = stackalloc byte[PcapNative.ErrorBufferSize];
        var handle = PcapNative.OpenOffline(path, error);
        if (handle == 0)
        {
            throw new IOException($"libpcap cannot read {path}: {PcapNative.Text(error)}");
        }

        return new LibpcapCaptureSource(handle, replay: true, path);
    }

    /// <inheritdoc />
    public bool TryRead(byte[] buffer, out int length, out int linkType, out DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ObjectDisposedException.ThrowIf(_handle == 0, this);
        length = 0;
        linkType = LinkType;
        timestamp = default;
        PcapNative.PacketHeader* header;
        byte* data;
        var status = PcapNative.NextEx(_handle, &header, &data);
        switch (status)
        {
            case PcapNative.NextPacket:
                length = (int)Math.Min(header->CapturedLength, (uint)buffer.Length);
                new ReadOnlySpan<byte>(data, length).CopyTo(buffer);
                timestamp = DateTimeOffset.FromUnixTimeSeconds(header->Seconds).AddTicks(header->Microseconds * 10);
                return true;
            case PcapNative.NextTimeout or PcapNative.NextEndOfFile:
                return false;
            default:
                // The interface went away (unplugged adapter, driver reset): the adapter's supervisor reopens it.
                throw new IOException($"libpcap read failed: {PcapNative.ErrorOf(_handle)}");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_handle != 0)
        {
            PcapNative.Close(_handle);
            _handle = 0;
        }
    }
}
