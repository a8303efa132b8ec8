using System.Buffers.Binary;

namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>
/// Finds the Remote ID frame in one captured packet of any supported link type, checks the packet's checksum first
/// (802.11 FCS when radiotap says it is there, the Bluetooth LE CRC), and reports where the frame is and what the
/// radio saw. Used by <c>edgectl decode pcap</c> and by the gateway's capture and HCI sources alike. Allocation-free.
/// </summary>
public static class RemoteIdCaptureDecoder
{
    private const int LePhdrSize = 10;
    private const int HciPhdrSize = 4;

    /// <summary>True for the link types <see cref="Decode"/> reads.</summary>
    public static bool Supports(int linkType) => Enum.IsDefined((CaptureLinkType)linkType);

    /// <summary>Decodes one packet; on <see cref="CaptureDecodeResult.RemoteId"/> <paramref name="rid"/> locates the frame in <paramref name="data"/>.</summary>
    public static CaptureDecodeResult Decode(int linkType, ReadOnlySpan<byte> data, out RemoteIdCapture rid, out string? reason)
    {
        rid = new RemoteIdCapture { RssiDbm = float.NaN };
        reason = null;
        switch ((CaptureLinkType)linkType)
        {
            case CaptureLinkType.Ieee80211:
                return WifiRemoteId.Find(data, ref rid, out reason);
            case CaptureLinkType.Ieee80211Radiotap:
                return DecodeRadiotap(data, ref rid, out reason);
            case CaptureLinkType.BluetoothLeLl:
                return DecodeLinkLayer(data, 0, codingIndicator: false, ref rid, out reason);
            case CaptureLinkType.BluetoothLeLlWithPhdr:
                return DecodeLePhdr(data, ref rid, out reason);
            case CaptureLinkType.BluetoothHciH4WithPhdr:
                return HciRemoteId.Decode(data[Math.Min(HciPhdrSize, data.Length)..], HciPhdrSize, ref rid, out reason);
            default:
                reason = $"link type {linkType} is not read (802.11 105/127, Bluetooth LE 251/256, HCI 201 are)";
                return CaptureDecodeResult.UnsupportedLinkType;
        }
    }

    /// <summary>
    /// <see cref="Decode"/>, then validates the Remote ID frame itself (<see cref="OdidFrame.TryParse"/>): a frame that is
    /// not a valid message or pack makes the packet <see cref="CaptureDecodeResult.Malformed"/>.
    /// </summary>
    public static CaptureDecodeResult DecodeFrame(int linkType, ReadOnlySpan<byte> data, out RemoteIdCapture rid, out OdidFrame frame, out string? reason)
    {
        frame = default;
        var result = Decode(linkType, data, out rid, out reason);
        if (result == CaptureDecodeResult.RemoteId && !OdidFrame.TryParse(data.Slice(rid.Offset, rid.Length), out frame, out reason))
        {
            return CaptureDecodeResult.Malformed;
        }

        return result;
    }

    private static CaptureDecodeResult DecodeRadiotap(ReadOnlySpan<byte> data, ref RemoteIdCapture rid, out string? reason)
    {
        reason = null;
        if (!Radiotap.TryParse(data, out var headerLength, out var hasFcs, out var badFcs, out rid.RssiDbm))
        {
            reason = "Expected a radiotap header (version 0, length within the packet)";
            return CaptureDecodeResult.Malformed;
        }

        var frame = data[headerLength..];
        if (badFcs)
        {
            return CaptureDecodeResult.BadChecksum;
        }

        if (hasFcs)
        {
            if (frame.Length < 4)
            {
                reason = "Expected a 4-byte FCS after the frame";
                return CaptureDecodeResult.Malformed;
            }

            if (CaptureChecksums.Crc32(frame[..^4]) != BinaryPrimitives.ReadUInt32LittleEndian(frame[^4..]))
            {
                return CaptureDecodeResult.BadChecksum;
            }

            frame = frame[..^4];
        }

        var result = WifiRemoteId.Find(frame, ref rid, out reason);
        rid.Offset += headerLength;
        return result;
    }

    private static CaptureDecodeResult DecodeLePhdr(ReadOnlySpan<byte> data, ref RemoteIdCapture rid, out string? reason)
    {
        reason = null;
        if (data.Length < LePhdrSize)
        {
            reason = $"Expected the 10-byte LE pseudo-header but got {data.Length} bytes";
            return CaptureDecodeResult.Malformed;
        }

        // rf_channel, signal dBm, noise dBm, access address offenses, reference access address, flags (LE)
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(data[8..]);
        if ((flags & 0x0002) != 0)
        {
            rid.RssiDbm = (sbyte)data[1];
        }

        if ((flags & 0x0400) != 0 && (flags & 0x0800) == 0)
        {
            return CaptureDecodeResult.BadChecksum; // the sniffer checked the CRC and it failed
        }

        // On LE Coded a coding indicator byte follows the access address (flags bits 14..15 = 2: LE Coded).
        var coded = (flags >> 14) == 2;
        return DecodeLinkLayer(data[LePhdrSize..], LePhdrSize, coded, ref rid, out reason);
    }

    private static CaptureDecodeResult DecodeLinkLayer(ReadOnlySpan<byte> ll, int offset, bool codingIndicator, ref RemoteIdCapture rid, out string? reason)
    {
        reason = null;
        if (ll.Length < 4 + 2 + 3 + (codingIndicator ? 1 : 0))
        {
            reason = $"Expected access address, PDU header and CRC (9 bytes) but got {ll.Length}";
            return CaptureDecodeResult.Malformed;
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(ll) != BleRemoteId.AdvertisingAccessAddress)
        {
            return CaptureDecodeResult.NotRemoteId; // a connection's data channel
        }

        if (codingIndicator)
        {
            // The CRC covers the PDU only; the coding indicator is coded separately [Core 5.3, Vol 6, Part B, 2.2].
            ll = ll[1..];
            offset++;
        }

        var pduLength = 2 + ll[5];
        if (4 + pduLength + 3 > ll.Length)
        {
            reason = $"PDU header says {ll[5]} payload bytes but the packet holds {ll.Length - 9}";
            return CaptureDecodeResult.Malformed;
        }

        var pdu = ll.Slice(4, pduLength);
        var crc = ll[4 + pduLength] | (uint)(ll[5 + pduLength] << 8) | (uint)(ll[6 + pduLength] << 16);
        if (CaptureChecksums.BleCrc(pdu) != crc)
        {
            return CaptureDecodeResult.BadChecksum;
        }

        var result = BleRemoteId.FindInPdu(pdu, ref rid, out reason);
        rid.Offset += offset + 4;
        return result;
    }
}
