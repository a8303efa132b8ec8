using System.Buffers.Binary;

namespace Reintegratie.Edge.Sensors.RemoteId.Capture;

/// <summary>
/// The radiotap header before an 802.11 frame (radiotap.org): version 0, length, a chain of 32-bit "present" words
/// (bit 31 = another word follows), then the fields in bit order, each aligned to its natural size from the start of
/// the header. We read Flags (bit 1: FCS at end 0x10, bad FCS 0x40) and dBm antenna signal (bit 5).
/// </summary>
public static class Radiotap
{
    /// <summary>Parses the header; false when it is not a valid radiotap header.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out int headerLength, out bool hasFcs, out bool badFcs, out float rssiDbm)
    {
        headerLength = 0;
        hasFcs = false;
        badFcs = false;
        rssiDbm = float.NaN;
        if (data.Length < 8 || data[0] != 0)
        {
            return false;
        }

        headerLength = BinaryPrimitives.ReadUInt16LittleEndian(data[2..]);
        if (headerLength < 8 || headerLength > data.Length)
        {
            return false;
        }

        var header = data[..headerLength];
        var present = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        var offset = 8;
        var word = present;
        while ((word & 0x8000_0000) != 0)
        {
            if (offset + 4 > header.Length)
            {
                return false;
            }

            word = BinaryPrimitives.ReadUInt32LittleEndian(header[offset..]);
            offset += 4;
        }

        // Fields 0..5 of the first present word, with their sizes and alignments (radiotap.org/fields).
        ReadOnlySpan<byte> size = [8, 1, 1, 4, 2, 1];
        ReadOnlySpan<byte> align = [8, 1, 1, 2, 2, 1];
        for (var bit = 0; bit <= 5; bit++)
        {
            if ((present & (1u << bit)) == 0)
            {
                continue;
            }

            offset = (offset + align[bit] - 1) & ~(align[bit] - 1);
            if (offset + size[bit] > header.Length)
            {
                return false;
            }

            if (bit == 1)
            {
                hasFcs = (header[offset] & 0x10) != 0;
                badFcs = (header[offset] & 0x40) != 0;
            }
            else if (bit == 5)
            {
                rssiDbm = (sbyte)header[offset];
            }

            offset += size[bit];
        }

        return true;
    }
}
