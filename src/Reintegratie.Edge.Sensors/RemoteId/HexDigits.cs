namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>Hex text to bytes and back without allocating (ASCII input, either case).</summary>
public static class HexDigits
{
    /// <summary>Decodes <paramref name="hex"/> into <paramref name="dest"/>; false with a reason when it is not whole hex bytes or too long.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> hex, Span<byte> dest, out int written, out string? error)
    {
        written = 0;
        if ((hex.Length & 1) != 0)
        {
            error = $"Expected an even number of hex digits but got {hex.Length}";
            return false;
        }

        if (hex.Length / 2 > dest.Length)
        {
            error = $"Expected at most {dest.Length} bytes of hex but got {hex.Length / 2}";
            return false;
        }

        for (var i = 0; i < hex.Length; i += 2)
        {
            var hi = Value(hex[i]);
            var lo = Value(hex[i + 1]);
            if ((hi | lo) < 0)
            {
                error = $"Expected hex digits but found '{(char)(hi < 0 ? hex[i] : hex[i + 1])}' at position {(hi < 0 ? i : i + 1)}";
                return false;
            }

            dest[i / 2] = (byte)((hi << 4) | lo);
        }

        written = hex.Length / 2;
        error = null;
        return true;
    }

    /// <summary>Writes <paramref name="value"/> as two upper-case hex digits.</summary>
    public static void WriteByte(byte value, Span<byte> dest)
    {
        dest[0] = Digit(value >> 4);
        dest[1] = Digit(value & 0x0F);
    }

    private static int Value(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    private static byte Digit(int v) => (byte)(v < 10 ? '0' + v : 'A' + v - 10);
}
