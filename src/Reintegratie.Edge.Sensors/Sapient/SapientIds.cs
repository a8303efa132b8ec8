using System.Security.Cryptography;

namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>
/// The two identifier formats BSI Flex 335 v2.0 uses: node ids are UUIDs (RFC 4122 text, 8-4-4-4-12 hex),
/// report, object, task, alert and region ids are ULIDs (26 Crockford base-32 characters, 48-bit time first).
/// </summary>
public static class SapientIds
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>True when <paramref name="value"/> is a UUID in the canonical 36-character form.</summary>
    public static bool IsUuid(ReadOnlySpan<char> value) => value.Length == 36 && Guid.TryParseExact(value, "D", out _);

    /// <summary>
    /// True when <paramref name="value"/> is a ULID: 26 characters of Crockford base 32 (case-insensitive,
    /// no I, L, O, U) whose first character is at most '7' so the 130-bit text fits the 128-bit value.
    /// </summary>
    public static bool IsUlid(ReadOnlySpan<char> value)
    {
        if (value.Length != 26 || value[0] > '7' || value[0] < '0')
        {
            return false;
        }

        foreach (var c in value)
        {
            if (Crockford.IndexOf(char.ToUpperInvariant(c)) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A new ULID for <paramref name="at"/> with 80 random bits (simulator and gateway replies).</summary>
    public static string NewUlid(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        var ms = (ulong)Math.Max(0, at.ToUnixTimeMilliseconds());
        for (var i = 5; i >= 0; i--)
        {
            bytes[i] = (byte)ms;
            ms >>= 8;
        }

        RandomNumberGenerator.Fill(bytes[6..]);
        Span<char> text = stackalloc char[26];
        // 128 bits as 26 base-32 digits, most significant first (the first digit carries only 3 bits).
        var hi = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var lo = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        var value = new UInt128(hi, lo);
        for (var i = 25; i >= 0; i--)
        {
            text[i] = Crockford[(int)(value & 31)];
            value >>= 5;
        }

        return new string(text);
    }
}
