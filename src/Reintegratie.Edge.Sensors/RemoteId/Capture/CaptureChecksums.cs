namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>The frame checksums of the two air interfaces: the 802.11 FCS and the Bluetooth LE CRC.</summary>
public static class CaptureChecksums
{
    /// <summary>The CRC init of every advertising physical channel PDU [Core 5.3, Vol 6, Part B, 3.1.1].</summary>
    public const uint BleAdvertisingCrcInit = 0x555555;

    private static readonly uint[] s_crc32 = BuildCrc32Table();

    /// <summary>The IEEE 802.3 CRC-32 that 802.11 uses as FCS [IEEE 802.11-2020 9.2.4.8], over the MAC header and body.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = s_crc32[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    /// <summary>
    /// The 24-bit Bluetooth LE CRC (polynomial x^24+x^10+x^9+x^6+x^4+x^3+x+1) over a PDU, bits taken least significant
    /// first [Core 5.3, Vol 6, Part B, 3.1.1]. The result is in the order the three CRC bytes follow the PDU on air,
    /// read little-endian.
    /// </summary>
    public static uint BleCrc(ReadOnlySpan<byte> pdu, uint crcInit = BleAdvertisingCrcInit)
    {
        // The register is kept bit-reversed, so the init is reversed per byte and each byte is shifted in LSB first.
        var state = Reverse(crcInit) & 0xFFFFFF;
        foreach (var value in pdu)
        {
            var cur = value;
            for (var bit = 0; bit < 8; bit++)
            {
                var next = (state ^ cur) & 1;
                cur >>= 1;
                state >>= 1;
                if (next != 0)
                {
                    state |= 1u << 23;
                    state ^= 0x5A6000; // the polynomial's taps in the reversed register
                }
            }
        }

        return state;
    }

    private static uint Reverse(uint init)
    {
        uint result = 0;
        for (var i = 0; i < 3; i++)
        {
            var b = (byte)(init >> (8 * i));
            var r = (byte)0;
            for (var bit = 0; bit < 8; bit++)
            {
                r |= (byte)(((b >> bit) & 1) << (7 - bit));
            }

            result |= (uint)r << (8 * i);
        }

        return result;
    }

    private static uint[] BuildCrc32Table()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
