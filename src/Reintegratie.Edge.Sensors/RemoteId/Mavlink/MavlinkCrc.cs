namespace Reintegratie.Edge.Sensors.RemoteId.Mavlink;

/// <summary>
/// The MAVLink checksum: CRC-16/MCRF4XX ("X.25" in the MAVLink docs), seeded 0xFFFF, over the frame from the length
/// byte to the end of the payload, then the message's CRC_EXTRA byte (serialization guide, "Checksum").
/// </summary>
public static class MavlinkCrc
{
    /// <summary>The seed.</summary>
    public const ushort Seed = 0xFFFF;

    /// <summary>Folds <paramref name="data"/> into <paramref name="crc"/>.</summary>
    public static ushort Accumulate(ushort crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = Accumulate(crc, b);
        }

        return crc;
    }

    /// <summary>Folds one byte into <paramref name="crc"/>.</summary>
    public static ushort Accumulate(ushort crc, byte b)
    {
        var tmp = (byte)(b ^ (byte)crc);
        tmp ^= (byte)(tmp << 4);
        return (ushort)((crc >> 8) ^ (tmp << 8) ^ (tmp << 3) ^ (tmp >> 4));
    }

    /// <summary>The checksum of a frame's header-after-start and payload, with the message's CRC_EXTRA.</summary>
    public static ushort Compute(ReadOnlySpan<byte> headerAndPayload, byte crcExtra) =>
        Accumulate(Accumulate(Seed, headerAndPayload), crcExtra);
}
