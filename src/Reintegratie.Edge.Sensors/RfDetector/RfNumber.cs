namespace Reintegratie.Edge.Sensors.RfDetector;

/// <summary>Strict NMEA field numbers: optional '-', digits, optional '.' and a bounded number of decimals; no exponent, no spaces.</summary>
internal static class RfNumber
{
    private static ReadOnlySpan<double> PowersOfTen => [1, 10, 100, 1000];

    public static bool TryDecimal(ReadOnlySpan<byte> s, int maxDecimals, out double value)
    {
        value = 0;
        var negative = !s.IsEmpty && s[0] == (byte)'-';
        if (negative)
        {
            s = s[1..];
        }

        var dot = s.IndexOf((byte)'.');
        var whole = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? [] : s[(dot + 1)..];
        if (whole.IsEmpty || whole.Length > 6 || (dot >= 0 && (fraction.IsEmpty || fraction.Length > maxDecimals)))
        {
            return false;
        }

        long digits = 0;
        foreach (var c in whole)
        {
            if (!char.IsAsciiDigit((char)c))
            {
                return false;
            }

            digits = (digits * 10) + (c - '0');
        }

        foreach (var c in fraction)
        {
            if (!char.IsAsciiDigit((char)c))
            {
                return false;
            }

            digits = (digits * 10) + (c - '0');
        }

        // Dividing the whole integer gives the double nearest the decimal text (e.g. 123.4, not 123.40000000000001).
        value = digits / PowersOfTen[fraction.Length];
        value = negative ? -value : value;
        return true;
    }

    public static bool TryTime(ReadOnlySpan<byte> s, out TimeSpan time)
    {
        time = default;
        if (s.Length < 6 || !TryDecimal(s, 2, out _) || s[0] == (byte)'-' || s.IndexOf((byte)'.') is not (-1 or 6))
        {
            return false;
        }

        var hh = (s[0] - '0') * 10 + (s[1] - '0');
        var mm = (s[2] - '0') * 10 + (s[3] - '0');
        var ss = (s[4] - '0') * 10 + (s[5] - '0');
        if (hh > 23 || mm > 59 || ss > 59)
        {
            return false;
        }

        var centis = 0;
        if (s.Length > 7)
        {
            centis = (s[7] - '0') * 10;
            centis += s.Length > 8 ? s[8] - '0' : 0;
        }

        time = new TimeSpan(0, hh, mm, ss, centis * 10);
        return true;
    }
}
