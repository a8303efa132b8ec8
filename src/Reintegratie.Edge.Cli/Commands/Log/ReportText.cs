using System.Globalization;
using Reintegratie.Edge.Journal.Reporting;

namespace Reintegratie.Edge.Cli.Commands.Log;

/// <summary>The plain-text form of a <see cref="JournalReport"/> (stdout of <c>log report</c>).</summary>
internal static class ReportText
{
    public static void Write(TextWriter w, JournalReport r, string? siteName)
    {
        w.WriteLine($"Tertaal report {r.Period} ({r.Period.Start:yyyy-MM-dd} .. {r.Period.End.AddDays(-1):yyyy-MM-dd}, UTC){(siteName is null ? string.Empty : $" — {siteName}")}");
        w.WriteLine();
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"alerts: {r.Alerts.Count}, acknowledged: {r.Acknowledged}"));
        w.WriteLine($"time to acknowledgement: median {LogDatabase.Duration(r.AckMedian)}, p90 {LogDatabase.Duration(r.AckP90)}");
        Section(w, "alerts per kind", r.AlertsPerKind);
        Section(w, "alerts per zone", r.AlertsPerZone);
        Section(w, "alerts per sensor", r.AlertsPerSensor);
        Section(w, "events per kind", r.EventsPerKind);
        Section(w, "events per zone", r.EventsPerZone);
        Section(w, "events per sensor", r.EventsPerSensor);
        w.WriteLine();
        w.WriteLine("busiest zones: " + (r.BusiestZones.Count == 0 ? "-" : string.Join(", ", r.BusiestZones.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} ({p.Value})")))));
        w.WriteLine("busiest hours (UTC): " + (r.BusiestHours.Count == 0 ? "-" : string.Join(", ", r.BusiestHours.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key:00}:00 ({p.Value})")))));
    }

    private static void Section(TextWriter w, string title, IReadOnlyDictionary<string, int> counts)
    {
        w.WriteLine();
        w.WriteLine(title + ":");
        if (counts.Count == 0)
        {
            w.WriteLine("  -");
            return;
        }

        var width = counts.Keys.Max(k => k.Length);
        foreach (var (key, n) in counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {key.PadRight(width)}  {n,7}"));
        }
    }
}
