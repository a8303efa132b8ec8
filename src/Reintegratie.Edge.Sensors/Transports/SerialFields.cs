namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>Splits a serial text line into separator-delimited fields without allocating.</summary>
public static class SerialFields
{
    /// <summary>
    /// Writes the range of each field to <paramref name="ranges"/> and returns the number of fields. When the line has
    /// more fields than <paramref name="ranges"/> holds, returns <c>ranges.Length + 1</c> so the caller sees "too many".
    /// </summary>
    public static int Split(ReadOnlySpan<byte> line, Span<Range> ranges, byte separator)
    {
        var count = 0;
        var start = 0;
        while (true)
        {
            var rel = line[start..].IndexOf(separator);
            var end = rel < 0 ? line.Length : start + rel;
            if (count == ranges.Length)
            {
                return ranges.Length + 1;
            }

            ranges[count++] = new Range(start, end);
            if (rel < 0)
            {
                return count;
            }

            start = end + 1;
        }
    }
}
