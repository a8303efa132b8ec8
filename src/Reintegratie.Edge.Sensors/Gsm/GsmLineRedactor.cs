namespace Reintegratie.Edge.Sensors.Gsm;

/// <summary>
/// Makes a rejected line safe to log: every run of six or more digits becomes one '#'. A run may be glued together by
/// single separators (space, '-', '.', '/') and may contain JSON <c>\uXXXX</c> escapes (each counts as one digit), so
/// an IMSI or IMEI cannot slip through written as "204 08 1234..." or escaped. Control and non-ASCII bytes become '?'.
/// </summary>
public static class GsmLineRedactor
{
    /// <summary>At most this many bytes of a line are shown.</summary>
    public const int MaxShownBytes = 160;

    /// <summary>Runs with at least this many digits are replaced.</summary>
    public const int MinRedactedDigits = 6;

    /// <summary>The redacted, printable form of (the first <see cref="MaxShownBytes"/> bytes of) a line.</summary>
    public static string Redact(ReadOnlySpan<byte> line)
    {
        // Scan the whole line for runs (a run may start before the cut-off), then show the first bytes.
        Span<char> output = stackalloc char[MaxShownBytes + 3];
        var written = 0;
        var i = 0;
        while (i < line.Length && written < MaxShownBytes)
        {
            var runEnd = ScanRun(line, i, out var digits);
            if (digits >= MinRedactedDigits)
            {
                output[written++] = '#';
                i = runEnd;
                continue;
            }

            var b = line[i];
            output[written++] = b is >= 0x20 and < 0x7F ? (char)b : '?';
            i++;
        }

        if (i < line.Length)
        {
            output[written++] = '.';
            output[written++] = '.';
            output[written++] = '.';
        }

        return new string(output[..written]);
    }

    /// <summary>From <paramref name="start"/>, the end of a digit run (exclusive) and how many digits it holds (0 when none starts here).</summary>
    private static int ScanRun(ReadOnlySpan<byte> s, int start, out int digits)
    {
        digits = 0;
        var i = start;
        var end = start;
        while (i < s.Length)
        {
            var unit = DigitUnit(s, i);
            if (unit > 0)
            {
                digits++;
                i += unit;
                end = i;
                continue;
            }

            // One separator may join two digit groups; two in a row, or a trailing one, end the run.
            if (digits > 0 && s[i] is (byte)' ' or (byte)'-' or (byte)'.' or (byte)'/' && i + 1 < s.Length && DigitUnit(s, i + 1) > 0)
            {
                i++;
                continue;
            }

            break;
        }

        return end;
    }

    /// <summary>Length of the digit unit at <paramref name="i"/>: 1 for an ASCII digit, 6 for a <c>\uXXXX</c> escape, else 0.</summary>
    private static int DigitUnit(ReadOnlySpan<byte> s, int i)
    {
        if (s[i] is >= (byte)'0' and <= (byte)'9')
        {
            return 1;
        }

        return s[i] == '\\' && i + 5 < s.Length && s[i + 1] == 'u' ? 6 : 0;
    }
}
