using System.Globalization;

namespace Reintegratie.Edge.Journal.Storage;

/// <summary>The journal's time text: ISO-8601 UTC with microseconds, fixed width, so text order is time order.</summary>
public static class JournalTime
{
    /// <summary>Characters of <see cref="ToText"/> output.</summary>
    public const int Length = 27;

    /// <summary>Formats a time as <c>2026-09-14T10:15:30.123456Z</c> (the fraction truncated, as the "ffffff" specifier does).</summary>
    /// <remarks>
    /// Written digit by digit: every journal row carries one, and the custom-format path of
    /// <see cref="DateTime.ToString(string, IFormatProvider)"/> (a format-string parse per call) was the largest managed
    /// cost per row after the insert itself. <c>JournalTimeTests</c> holds it to the format string's output.
    /// </remarks>
    public static string ToText(DateTimeOffset at) => string.Create(Length, at.UtcDateTime, static (s, t) =>
    {
        Digits(s[..4], t.Year);
        s[4] = '-';
        Digits(s.Slice(5, 2), t.Month);
        s[7] = '-';
        Digits(s.Slice(8, 2), t.Day);
        s[10] = 'T';
        Digits(s.Slice(11, 2), t.Hour);
        s[13] = ':';
        Digits(s.Slice(14, 2), t.Minute);
        s[16] = ':';
        Digits(s.Slice(17, 2), t.Second);
        s[19] = '.';
        Digits(s.Slice(20, 6), (int)(t.Ticks % TimeSpan.TicksPerSecond / (TimeSpan.TicksPerMillisecond / 1000)));
        s[26] = 'Z';
    });

    /// <summary>Parses <see cref="ToText"/> output (and any ISO-8601 time, taken as UTC when it has no offset).</summary>
    public static bool TryParse(string? text, out DateTimeOffset at) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);

    /// <summary>
    /// Reads <see cref="ToText"/> output exactly (27 characters, fixed places) as ticks, without allocating: the writer
    /// reads every row's time this way (<see cref="Writing.TimeRuns"/>). False for any other text.
    /// </summary>
    public static bool TryTicks(ReadOnlySpan<char> text, out long ticks)
    {
        ticks = 0;
        if (text.Length != Length || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':'
            || text[16] != ':' || text[19] != '.' || text[26] != 'Z'
            || !Number(text[..4], out var year) || !Number(text.Slice(5, 2), out var month) || !Number(text.Slice(8, 2), out var day)
            || !Number(text.Slice(11, 2), out var hour) || !Number(text.Slice(14, 2), out var minute)
            || !Number(text.Slice(17, 2), out var second) || !Number(text.Slice(20, 6), out var micros)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + (micros * (TimeSpan.TicksPerMillisecond / 1000));
        return true;
    }

    private static bool Number(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    /// <summary>Writes <paramref name="value"/> as decimal digits filling <paramref name="into"/>, zero-padded on the left.</summary>
    private static void Digits(Span<char> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }
}
