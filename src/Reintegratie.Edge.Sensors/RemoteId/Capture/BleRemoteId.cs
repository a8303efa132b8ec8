namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>
/// Finds Remote ID in Bluetooth LE advertising data (ASTM F3411-22 5.4.7): an AD structure of type 0x16 (Service Data,
/// 16-bit UUID) with UUID 0xFFFA (ASTM), application code 0x0D, a message counter, then one 25-byte message (legacy
/// advertising, Bluetooth 4) or a message pack (extended advertising, Bluetooth 5 Long Range).
/// </summary>
public static class BleRemoteId
{
    /// <summary>The access address of every advertising physical channel packet [Core 5.3, Vol 6, Part B, 2.1.2].</summary>
    public const uint AdvertisingAccessAddress = 0x8E89BED6;

    /// <summary>
    /// Looks for Remote ID in a link-layer PDU (2-byte header, payload; no access address, no CRC). The found frame's
    /// offset is relative to <paramref name="pdu"/>.
    /// </summary>
    public static CaptureDecodeResult FindInPdu(ReadOnlySpan<byte> pdu, ref RemoteIdCapture rid, out string? reason)
    {
        reason = null;
        if (pdu.Length < 2 || pdu[1] > pdu.Length - 2)
        {
            reason = $"Expected a PDU header and its payload but got {pdu.Length} bytes";
            return CaptureDecodeResult.Malformed;
        }

        var type = pdu[0] & 0x0F;
        var payload = pdu.Slice(2, pdu[1]);
        switch (type)
        {
            case 0 or 2 or 4 or 6: // ADV_IND, ADV_NONCONN_IND, SCAN_RSP, ADV_SCAN_IND: AdvA then AdvData
                if (payload.Length < 6)
                {
                    reason = $"Expected AdvA (6 bytes) but the payload has {payload.Length}";
                    return CaptureDecodeResult.Malformed;
                }

                rid.HasMac = true;
                rid.Mac = ReadAddress(payload[..6]);
                rid.Transport = RidTransport.Bt4;
                return FindInAdvData(payload[6..], 2 + 6, ref rid, out reason);
            case 7: // ADV_EXT_IND / AUX_ADV_IND: Common Extended Advertising Payload [Vol 6, Part B, 2.3.4]
                return FindInExtended(payload, ref rid, out reason);
            default:
                return CaptureDecodeResult.NotRemoteId;
        }
    }

    /// <summary>Looks for the Remote ID service data in AD structures; <paramref name="offset"/> is where they start.</summary>
    public static CaptureDecodeResult FindInAdvData(ReadOnlySpan<byte> ad, int offset, ref RemoteIdCapture rid, out string? reason)
    {
        reason = null;
        while (ad.Length >= 1)
        {
            int length = ad[0];
            if (length == 0)
            {
                break; // the rest is padding [Core 5.3, Vol 3, Part C, 11]
            }

            if (1 + length > ad.Length)
            {
                reason = $"AD structure says {length} bytes but {ad.Length - 1} remain";
                return CaptureDecodeResult.Malformed;
            }

            var s = ad.Slice(1, length);
            if (length >= 5 && s[0] == 0x16 && s[1] == 0xFA && s[2] == 0xFF && s[3] == 0x0D)
            {
                if (length < 5 + 1)
                {
                    reason = "Remote ID service data without a message";
                    return CaptureDecodeResult.Malformed;
                }

                rid.Counter = s[4];
                rid.Offset = offset + 1 + 5;
                rid.Length = length - 5;
                return CaptureDecodeResult.RemoteId;
            }

            offset += 1 + length;
            ad = ad[(1 + length)..];
        }

        return CaptureDecodeResult.NotRemoteId;
    }

    /// <summary>A Bluetooth device address as sent (least significant octet first), returned most significant first.</summary>
    public static ulong ReadAddress(ReadOnlySpan<byte> six)
    {
        ulong mac = 0;
        for (var i = 5; i >= 0; i--)
        {
            mac = (mac << 8) | six[i];
        }

        return mac;
    }

    private static CaptureDecodeResult FindInExtended(ReadOnlySpan<byte> payload, ref RemoteIdCapture rid, out string? reason)
    {
        reason = null;
        if (payload.IsEmpty)
        {
            return CaptureDecodeResult.NotRemoteId;
        }

        var headerLength = payload[0] & 0x3F;
        if (1 + headerLength > payload.Length)
        {
            reason = $"Extended header says {headerLength} bytes but {payload.Length - 1} remain";
            return CaptureDecodeResult.Malformed;
        }

        rid.Transport = RidTransport.Bt5;
        if (headerLength > 0)
        {
            var header = payload.Slice(1, headerLength);
            var flags = header[0];
            if ((flags & 0x01) != 0 && header.Length >= 7)
            {
                rid.HasMac = true;
                rid.Mac = ReadAddress(header.Slice(1, 6));
            }
        }

        var data = payload[(1 + headerLength)..];
        return data.IsEmpty ? CaptureDecodeResult.NotRemoteId : FindInAdvData(data, 2 + 1 + headerLength, ref rid, out reason);
    }
}
