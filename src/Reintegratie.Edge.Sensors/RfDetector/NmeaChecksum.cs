namespace Reintegratie.Edge.Sensors.RfDetector;

/// <summary>NMEA 0183 checksum: XOR of every character between '$' and '*' (NMEA 0183 v4.11 section 5.2.1).</summary>
public static class NmeaChecksum
{
    /// <summary>The XOR of <paramref name="body"/>.</summary>
    public static byte Compute(ReadOnlySpan<byte> body)
    {
        byte x = 0;
        foreach (var b in body)
        {
            x ^= b;
        }

        return x;
    }
}
