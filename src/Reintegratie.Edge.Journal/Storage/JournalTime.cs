using System.Globalization;

namespace Reintegratie.Edge.Journal.Storage;

/// <summary>The journal's time text: ISO-8601 UTC with microseconds, fixed width, so text order is time order.</summary>
public static class JournalTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>Formats a time as <c>2026-09-14T10:15:30.123456Z</c>.</summary>
    public static string ToText(DateTimeOffset at) => at.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Parses <see cref="ToText"/> output (and any ISO-8601 time, taken as UTC when it has no offset).</summary>
    public static bool TryParse(string? text, out DateTimeOffset at) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);
}
