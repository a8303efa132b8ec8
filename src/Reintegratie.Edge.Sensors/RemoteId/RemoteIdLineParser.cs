using System.Buffers.Text;
using Reintegratie.Edge.Sensors.Transports;

namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>
/// Parses the receiver's line envelope (hardware/protocols/remote-id-receiver.md) and decodes its hex frame into a
/// caller buffer. Span-based, allocation-free on success; the frame itself is validated by <see cref="OdidFrame"/>.
/// </summary>
public static class RemoteIdLineParser
{
    private static ReadOnlySpan<byte> Prefix => "RID"u8;

    /// <summary>Parses one line (terminator already removed).</summary>
    /// <param name="line">The ASCII line.</param>
    /// <param name="frame">Receives the frame bytes; <see cref="OdidFrame.MaxFrameSize"/> bytes suffice.</param>
    /// <param name="parsed">The envelope.</param>
    /// <param name="error">Why the line was rejected.</param>
    public static bool TryParse(ReadOnlySpan<byte> line, Span<byte> frame, out RemoteIdLine parsed, out string? error)
    {
        parsed = default;
        Span<Range> fields = stackalloc Range[5];
        var count = SerialFields.Split(line, fields, (byte)',');
        if (count != 5)
        {
            error = $"Expected 5 comma-separated fields (RID,transport,rssi,mac,hex) but got {(count > 5 ? "more" : count.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
            return false;
        }

        if (!line[fields[0]].SequenceEqual(Prefix))
        {
            error = "Expected the line to start with 'RID'";
            return false;
        }

        if (!TryTransport(line[fields[1]], out parsed.Transport))
        {
            error = "Expected transport BT4, BT5, WIFI_BEACON or WIFI_NAN";
            return false;
        }

        if (!TryRssi(line[fields[2]], out parsed.RssiDbm))
        {
            error = "Expected RSSI in dBm between -150 and 30 (or empty)";
            return false;
        }

        var mac = line[fields[3]];
        if (mac is [(byte)'-'])
        {
            parsed.HasMac = false;
        }
        else if (TryMac(mac, out parsed.Mac))
        {
            parsed.HasMac = true;
        }
        else
        {
            error = "Expected a MAC address aa:bb:cc:dd:ee:ff or '-'";
            return false;
        }

        if (!HexDigits.TryDecode(line[fields[4]], frame, out parsed.FrameLength, out error))
        {
            return false;
        }

        return true;
    }

    /// <summary>Writes a MAC address as <c>AA:BB:CC:DD:EE:FF</c> (17 bytes).</summary>
    public static int FormatMac(ulong mac, Span<byte> dest)
    {
        for (var i = 0; i < 6; i++)
        {
            HexDigits.WriteByte((byte)(mac >> (8 * (5 - i))), dest[(i * 3)..]);
            if (i < 5)
            {
                dest[(i * 3) + 2] = (byte)':';
            }
        }

        return 17;
    }

    private static bool TryTransport(ReadOnlySpan<byte> s, out RidTransport transport)
    {
        transport = s switch
        {
            _ when s.SequenceEqual("BT4"u8) => RidTransport.Bt4,
            _ when s.SequenceEqual("BT5"u8) => RidTransport.Bt5,
            _ when s.SequenceEqual("WIFI_BEACON"u8) => RidTransport.WifiBeacon,
            _ when s.SequenceEqual("WIFI_NAN"u8) => RidTransport.WifiNan,
            _ => 0,
        };
        return transport != 0;
    }

    private static bool TryRssi(ReadOnlySpan<byte> s, out float rssi)
    {
        rssi = float.NaN;
        if (s.IsEmpty)
        {
            return true;
        }

        if (!Utf8Parser.TryParse(s, out float value, out var consumed) || consumed != s.Length || value is < -150 or > 30 || !float.IsFinite(value))
        {
            return false;
        }

        rssi = value;
        return true;
    }

    private static bool TryMac(ReadOnlySpan<byte> s, out ulong mac)
    {
        mac = 0;
        if (s.Length != 17)
        {
            return false;
        }

        Span<byte> octet = stackalloc byte[1];
        for (var i = 0; i < 6; i++)
        {
            if ((i < 5 && s[(i * 3) + 2] != ':') || !HexDigits.TryDecode(s.Slice(i * 3, 2), octet, out _, out _))
            {
                return false;
            }

            mac = (mac << 8) | octet[0];
        }

        return true;
    }
}
