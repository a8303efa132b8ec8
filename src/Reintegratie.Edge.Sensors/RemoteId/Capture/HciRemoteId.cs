namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>
/// Finds Remote ID in an HCI LE Meta event from a Bluetooth controller (H4 packet type 0x04, event 0x3E): subevent 0x02
/// LE Advertising Report (legacy advertising) or 0x0D LE Extended Advertising Report [Core 5.3, Vol 4, Part E, 7.7.65.2
/// and 7.7.65.13]. The controller has checked the CRC already; the RSSI comes with the report (127 = not available).
/// Only the first report of an event is read: controllers put one report in each event in practice.
/// </summary>
public static class HciRemoteId
{
    /// <summary>Decodes one H4 packet; <paramref name="offset"/> is where it starts in the captured data.</summary>
    public static CaptureDecodeResult Decode(ReadOnlySpan<byte> h4, int offset, ref RemoteIdCapture rid, out string? reason)
    {
        reason = null;
        if (h4.Length < 5 || h4[0] != 0x04 || h4[1] != 0x3E)
        {
            return CaptureDecodeResult.NotRemoteId; // commands, ACL data, other events
        }

        var parameters = h4[3..];
        if (h4[2] > parameters.Length)
        {
            reason = $"HCI event says {h4[2]} parameter bytes but {parameters.Length} are there";
            return CaptureDecodeResult.Malformed;
        }

        parameters = parameters[..h4[2]];
        return parameters[0] switch
        {
            0x02 => Legacy(parameters, offset + 3, ref rid, out reason),
            0x0D => Extended(parameters, offset + 3, ref rid, out reason),
            _ => CaptureDecodeResult.NotRemoteId,
        };
    }

    private static CaptureDecodeResult Legacy(ReadOnlySpan<byte> p, int offset, ref RemoteIdCapture rid, out string? reason)
    {
        // subevent, num_reports, event_type, address_type, address (6), data_length, data, rssi
        const int dataAt = 11;
        reason = null;
        if (p.Length < dataAt + 1 || p[1] < 1 || dataAt + p[10] + 1 > p.Length)
        {
            reason = "LE Advertising Report shorter than its fields";
            return CaptureDecodeResult.Malformed;
        }

        rid.Transport = RidTransport.Bt4;
        rid.HasMac = true;
        rid.Mac = BleRemoteId.ReadAddress(p.Slice(4, 6));
        var rssi = (sbyte)p[dataAt + p[10]];
        rid.RssiDbm = rssi == 127 ? float.NaN : rssi;
        return BleRemoteId.FindInAdvData(p.Slice(dataAt, p[10]), offset + dataAt, ref rid, out reason);
    }

    private static CaptureDecodeResult Extended(ReadOnlySpan<byte> p, int offset, ref RemoteIdCapture rid, out string? reason)
    {
        // subevent, num_reports, event_type (2), address_type, address (6), primary_phy, secondary_phy, sid,
        // tx_power, rssi, periodic_interval (2), direct_address_type, direct_address (6), data_length, data
        const int dataAt = 26;
        reason = null;
        if (p.Length < dataAt || p[1] < 1 || dataAt + p[25] > p.Length)
        {
            reason = "LE Extended Advertising Report shorter than its fields";
            return CaptureDecodeResult.Malformed;
        }

        var legacyPdu = (p[2] & 0x10) != 0;
        rid.Transport = legacyPdu ? RidTransport.Bt4 : RidTransport.Bt5;
        rid.HasMac = true;
        rid.Mac = BleRemoteId.ReadAddress(p.Slice(5, 6));
        var rssi = (sbyte)p[15];
        rid.RssiDbm = rssi == 127 ? float.NaN : rssi;
        return BleRemoteId.FindInAdvData(p.Slice(dataAt, p[25]), offset + dataAt, ref rid, out reason);
    }
}
