using System.Globalization;
using System.Text.RegularExpressions;

namespace Reintegratie.Edge.Journal.Reporting;

/// <summary>
/// A tertaal (four-month reporting period of the Dutch prison service): T1 January-April, T2 May-August,
/// T3 September-December. Boundaries are UTC midnights.
/// </summary>
/// <param name="Year">Year.</param>
/// <param name="Number">1, 2 or 3.</param>
public sealed partial record Tertaal(int Year, int Number)
{
    /// <summary>First instant of the period.</summary>
    public DateTimeOffset Start => new(Year, ((Number - 1) * 4) + 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>First instant after the period.</summary>
    public DateTimeOffset End => Start.AddMonths(4);

    /// <summary>Parses <c>2026-T3</c>; false with a reason otherwise.</summary>
    public static bool TryParse(string? text, out Tertaal period, out string reason)
    {
        period = new Tertaal(1970, 1);
        var m = Pattern().Match(text ?? string.Empty);
        if (!m.Success)
        {
            reason = $"expected a period like 2026-T3 (T1 Jan-Apr, T2 May-Aug, T3 Sep-Dec) but got '{text}'";
            return false;
        }

        period = new Tertaal(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value[0] - '0');
        reason = string.Empty;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Year}-T{Number}";

    [GeneratedRegex("^([0-9]{4})-[Tt]([1-3])$")]
    private static partial Regex Pattern();
}
