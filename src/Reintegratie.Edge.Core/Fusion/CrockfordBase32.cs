namespace Reintegratie.Edge.Core.Fusion;

/// <summary>Crockford base32 (the ULID text form): digits and upper-case letters without I, L, O and U.</summary>
public static class CrockfordBase32
{
    /// <summary>Length of an encoded ULID (128 bits in 5-bit groups, the first group carrying 3 bits).</summary>
    public const int UlidLength = 26;

    private static ReadOnlySpan<byte> Alphabet => "0123456789ABCDEFGHJKMNPQRSTVWXYZ"u8;

    /// <summary>Encodes a 128-bit value as 26 characters, most significant first (ULID spec, "Encoding").</summary>
    public static string EncodeUlid(UInt128 value) => string.Create(UlidLength, value, static (chars, v) =>
    {
        for (var i = UlidLength - 1; i >= 0; i--)
        {
            chars[i] = (char)Alphabet[(int)(ulong)(v & 31)];
            v >>= 5;
        }
    });

    /// <summary>Decodes 26 characters back (case-insensitive); false when a character is not in the alphabet or the value overflows 128 bits.</summary>
    public static bool TryDecodeUlid(ReadOnlySpan<char> text, out UInt128 value)
    {
        value = 0;
        if (text.Length != UlidLength || text[0] > '7')
        {
            return false;
        }

        foreach (var c in text)
        {
            var digit = Alphabet.IndexOf((byte)char.ToUpperInvariant(c));
            if (c > 127 || digit < 0)
            {
                value = 0;
                return false;
            }

            value = (value << 5) | (uint)digit;
        }

        return true;
    }
}
