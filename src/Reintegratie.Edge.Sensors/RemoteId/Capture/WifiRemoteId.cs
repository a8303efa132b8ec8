using System.Buffers.Binary;

namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>
/// Finds Remote ID in an 802.11 management frame (ASTM F3411-22 5.4.6 / opendroneid-core-c <c>wifi.c</c>):
/// a Beacon (subtype 8) with a vendor-specific element (221) of OUI FA:0B:BC, type 0x0D, holding a message counter
/// and a message pack; or a NAN Service Discovery action frame (subtype 13, public action category 4, vendor action 9,
/// Wi-Fi Alliance OUI 50:6F:9A type 0x13) whose Service Descriptor attribute (id 3) has the Remote ID service id
/// 88:69:19:9D:92:09 and carries a message counter and a message pack as service info.
/// </summary>
public static class WifiRemoteId
{
    private const int MacHeaderSize = 24;
    private static ReadOnlySpan<byte> AstmOui => [0xFA, 0x0B, 0xBC];
    private static ReadOnlySpan<byte> WfaOui => [0x50, 0x6F, 0x9A];
    private static ReadOnlySpan<byte> RemoteIdServiceId => [0x88, 0x69, 0x19, 0x9D, 0x92, 0x09];

    /// <summary>Looks for Remote ID in <paramref name="frame"/> (no FCS); the found frame is relative to it.</summary>
    public static CaptureDecodeResult Find(ReadOnlySpan<byte> frame, ref RemoteIdCapture rid, out string? reason)
    {
        reason = null;
        if (frame.Length < MacHeaderSize)
        {
            reason = $"Expected an 802.11 header of 24 bytes but got {frame.Length}";
            return CaptureDecodeResult.Malformed;
        }

        var fc = frame[0];
        var type = (fc >> 2) & 0x3;
        var subtype = fc >> 4;
        if (type != 0 || (subtype != 8 && subtype != 13))
        {
            return CaptureDecodeResult.NotRemoteId;
        }

        rid.HasMac = true;
        rid.Mac = ReadMac(frame.Slice(10, 6)); // address 2: the transmitter (SA)
        var body = frame[MacHeaderSize..];
        return subtype == 8 ? FindInBeacon(body, ref rid, out reason) : FindInNan(body, ref rid, out reason);
    }

    /// <summary>A MAC address in transmission order (first octet first).</summary>
    public static ulong ReadMac(ReadOnlySpan<byte> six)
    {
        ulong mac = 0;
        for (var i = 0; i < 6; i++)
        {
            mac = (mac << 8) | six[i];
        }

        return mac;
    }

    private static CaptureDecodeResult FindInBeacon(ReadOnlySpan<byte> body, ref RemoteIdCapture rid, out string? reason)
    {
        reason = null;
        const int fixedFields = 12; // timestamp 8, beacon interval 2, capability 2
        var offset = MacHeaderSize + fixedFields;
        var elements = body.Length >= fixedFields ? body[fixedFields..] : [];
        while (elements.Length >= 2)
        {
            int id = elements[0];
            int length = elements[1];
            if (2 + length > elements.Length)
            {
                reason = $"Element {id} says {length} bytes but {elements.Length - 2} remain";
                return CaptureDecodeResult.Malformed;
            }

            var value = elements.Slice(2, length);
            if (id == 221 && length >= 5 && value[..3].SequenceEqual(AstmOui) && value[3] == 0x0D)
            {
                rid.Transport = RidTransport.WifiBeacon;
                rid.Counter = value[4];
                rid.Offset = offset + 2 + 5;
                rid.Length = length - 5;
                return CaptureDecodeResult.RemoteId;
            }

            offset += 2 + length;
            elements = elements[(2 + length)..];
        }

        return CaptureDecodeResult.NotRemoteId;
    }

    private static CaptureDecodeResult FindInNan(ReadOnlySpan<byte> body, ref RemoteIdCapture rid, out string? reason)
    {
        reason = null;
        if (body.Length < 6 || body[0] != 0x04 || body[1] != 0x09 || !body.Slice(2, 3).SequenceEqual(WfaOui) || body[5] != 0x13)
        {
            return CaptureDecodeResult.NotRemoteId; // another action frame
        }

        var offset = MacHeaderSize + 6;
        var attributes = body[6..];
        while (attributes.Length >= 3)
        {
            int id = attributes[0];
            int length = BinaryPrimitives.ReadUInt16LittleEndian(attributes[1..]);
            if (3 + length > attributes.Length)
            {
                reason = $"NAN attribute {id} says {length} bytes but {attributes.Length - 3} remain";
                return CaptureDecodeResult.Malformed;
            }

            var value = attributes.Slice(3, length);
            if (id == 0x03 && length >= 10 && value[..6].SequenceEqual(RemoteIdServiceId))
            {
                int infoLength = value[9];
                if (infoLength < 1 || 10 + infoLength > length)
                {
                    reason = $"Remote ID service info of {infoLength} bytes does not fit its {length}-byte attribute";
                    return CaptureDecodeResult.Malformed;
                }

                rid.Transport = RidTransport.WifiNan;
                rid.Counter = value[10];
                rid.Offset = offset + 3 + 11;
                rid.Length = infoLength - 1;
                return CaptureDecodeResult.RemoteId;
            }

            offset += 3 + length;
            attributes = attributes[(3 + length)..];
        }

        return CaptureDecodeResult.NotRemoteId;
    }
}
