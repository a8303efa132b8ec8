using System.Globalization;
using System.Net;
using System.Text;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Journal.Reporting;

namespace Reintegratie.Edge.Cli.Commands.Log;

/// <summary>
/// One self-contained HTML file (inline CSS and SVG, no external assets): summary figures, an SVG timeline of the
/// period's alerts (one lane per kind, coloured by severity) and an SVG zone map drawn from the site's zone polygons,
/// shaded by alert count.
/// </summary>
internal static class HtmlReport
{
    private const int TimelineWidth = 1100;
    private const int LaneHeight = 26;
    private const int LabelWidth = 210;
    private const int MapWidth = 700;
    private const int MapHeight = 480;

    public static string Render(JournalReport r, SiteModel? site)
    {
        var h = new StringBuilder(64 * 1024);
        var title = $"Tertaalrapportage {r.Period}{(site is null ? string.Empty : " — " + site.Name)}";
        h.Append("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(title)).Append("</title>\n<style>\n")
            .Append("body{font-family:system-ui,sans-serif;margin:24px;color:#1b1f24;background:#fff}h1{font-size:22px}h2{font-size:17px;margin-top:28px}")
            .Append("table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #ccd;padding:3px 9px;text-align:left}td.n{text-align:right}")
            .Append(".cards{display:flex;gap:14px;flex-wrap:wrap}.card{border:1px solid #ccd;border-radius:6px;padding:8px 14px;min-width:140px}.card b{display:block;font-size:22px}")
            .Append(".grid{display:flex;gap:28px;flex-wrap:wrap}svg text{font-size:11px;fill:#333}")
            .Append(".sev-info{fill:#8a99a8}.sev-low{fill:#4c9be8}.sev-medium{fill:#e0b000}.sev-high{fill:#e8701c}.sev-critical{fill:#c9182b}")
            .Append(".zone{stroke:#334;stroke-width:1.2}.geofence{fill:none;stroke:#777;stroke-dasharray:6 4}\n</style>\n</head>\n<body>\n");
        h.Append("<h1>").Append(E(title)).Append("</h1>\n<p>Periode ").Append(Day(r.Period.Start)).Append(" t/m ").Append(Day(r.Period.End.AddDays(-1)))
            .Append(" (tijden in UTC), uit het journaal van de gateway.</p>\n");
        h.Append("<div class=\"cards\">");
        Card(h, "Alerts", r.Alerts.Count.ToString(CultureInfo.InvariantCulture));
        Card(h, "Bevestigd", r.Acknowledged.ToString(CultureInfo.InvariantCulture));
        Card(h, "Tijd tot bevestiging (mediaan)", LogDatabase.Duration(r.AckMedian));
        Card(h, "Tijd tot bevestiging (p90)", LogDatabase.Duration(r.AckP90));
        h.Append("</div>\n");

        h.Append("<h2>Tijdlijn</h2>\n");
        Timeline(h, r);
        h.Append("<h2>Zonekaart</h2>\n");
        ZoneMap(h, r, site);

        h.Append("<h2>Aantallen</h2>\n<div class=\"grid\">");
        Table(h, "Alerts per soort", r.AlertsPerKind);
        Table(h, "Alerts per zone", r.AlertsPerZone);
        Table(h, "Alerts per sensor", r.AlertsPerSensor);
        Table(h, "Gebeurtenissen per soort", r.EventsPerKind);
        Table(h, "Gebeurtenissen per zone", r.EventsPerZone);
        Table(h, "Gebeurtenissen per sensor", r.EventsPerSensor);
        h.Append("</div>\n<h2>Drukste zones en uren</h2>\n<div class=\"grid\">");
        Table(h, "Drukste zones", r.BusiestZones.ToDictionary(p => p.Key, p => p.Value));
        Table(h, "Drukste uren (UTC)", r.BusiestHours.ToDictionary(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key:00}:00-{p.Key:00}:59"), p => p.Value));
        h.Append("</div>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void Timeline(StringBuilder h, JournalReport r)
    {
        var kinds = Enum.GetValues<AlertKind>().Select(k => Journal.Writing.EnumCodeOf.AlertKind(k)).ToList();
        var height = 30 + (kinds.Count * LaneHeight) + 24;
        var span = (r.Period.End - r.Period.Start).TotalSeconds;
        double X(DateTimeOffset t) => LabelWidth + ((TimelineWidth - LabelWidth - 10) * Math.Clamp((t - r.Period.Start).TotalSeconds / span, 0, 1));
        h.Append(Inv($"<svg id=\"timeline\" class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{TimelineWidth}\" height=\"{height}\" viewBox=\"0 0 {TimelineWidth} {height}\" role=\"img\" aria-label=\"Tijdlijn van alerts\">\n"));
        h.Append(Inv($"<rect x=\"0\" y=\"0\" width=\"{TimelineWidth}\" height=\"{height}\" fill=\"#fbfbfd\"/>\n"));
        for (var m = r.Period.Start; m <= r.Period.End; m = m.AddMonths(1))
        {
            var x = X(m);
            h.Append(Inv($"<line class=\"tick\" x1=\"{x:0.#}\" y1=\"20\" x2=\"{x:0.#}\" y2=\"{height - 20}\" stroke=\"#dde\"/>"));
            if (m < r.Period.End)
            {
                h.Append(Inv($"<text x=\"{x + 4:0.#}\" y=\"14\">{m:yyyy-MM}</text>\n"));
            }
        }

        for (var i = 0; i < kinds.Count; i++)
        {
            var y = 30 + (i * LaneHeight);
            h.Append(Inv($"<text x=\"6\" y=\"{y + 16}\">{E(kinds[i])}</text><line x1=\"{LabelWidth}\" y1=\"{y + LaneHeight - 2}\" x2=\"{TimelineWidth - 10}\" y2=\"{y + LaneHeight - 2}\" stroke=\"#eef\"/>\n"));
        }

        foreach (var a in r.Alerts)
        {
            var lane = Math.Max(0, kinds.IndexOf(a.Kind));
            var x1 = X(a.FirstSeen);
            var x2 = Math.Max(x1 + 3, X(a.EndedAt ?? a.FirstSeen));
            var y = 30 + (lane * LaneHeight) + 4;
            var tip = $"{a.Id} {a.Kind} {Journal.Writing.EnumCodeOf.Severity(a.Severity)} {string.Join(",", a.Zones)} {a.FirstSeen:yyyy-MM-dd HH:mm:ss}";
            h.Append(Inv($"<rect class=\"alert sev-{Journal.Writing.EnumCodeOf.Severity(a.Severity)}\" x=\"{x1:0.##}\" y=\"{y}\" width=\"{x2 - x1:0.##}\" height=\"{LaneHeight - 10}\" rx=\"2\"><title>{E(tip)}</title></rect>\n"));
        }

        h.Append(Inv($"<text x=\"{LabelWidth}\" y=\"{height - 6}\">kleur = ernst: info, low, medium, high, critical</text>\n</svg>\n"));
    }

    private static void ZoneMap(StringBuilder h, JournalReport r, SiteModel? site)
    {
        var polygons = site?.Zones.Where(z => z.Polygon is not null).ToList() ?? [];
        if (site is null || polygons.Count == 0)
        {
            h.Append("<p class=\"no-map\">Geen zonepolygonen: geef de siteconfiguratie mee met <code>--config site.json</code>.</p>\n");
            return;
        }

        var lats = polygons.SelectMany(z => z.Polygon!.Latitudes).Concat(site.Geofence?.Latitudes ?? []).ToList();
        var lons = polygons.SelectMany(z => z.Polygon!.Longitudes).Concat(site.Geofence?.Longitudes ?? []).ToList();
        var (minLat, maxLat, minLon, maxLon) = (lats.Min(), lats.Max(), lons.Min(), lons.Max());
        var cos = Math.Cos(((minLat + maxLat) / 2) * Math.PI / 180);
        var spanX = Math.Max((maxLon - minLon) * cos, 1e-9);
        var spanY = Math.Max(maxLat - minLat, 1e-9);
        var scale = Math.Min((MapWidth - 40) / spanX, (MapHeight - 40) / spanY);
        string Point(double lat, double lon) => Inv($"{20 + ((lon - minLon) * cos * scale):0.#},{20 + ((maxLat - lat) * scale):0.#}");
        string Points(GeoPolygon p) => string.Join(' ', p.Latitudes.Select((lat, i) => Point(lat, p.Longitudes[i])));
        var max = Math.Max(1, r.AlertsPerZone.Values.DefaultIfEmpty(0).Max());

        h.Append(Inv($"<svg id=\"zone-map\" class=\"zone-map\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{MapWidth}\" height=\"{MapHeight}\" viewBox=\"0 0 {MapWidth} {MapHeight}\" role=\"img\" aria-label=\"Zonekaart\">\n"));
        h.Append(Inv($"<rect x=\"0\" y=\"0\" width=\"{MapWidth}\" height=\"{MapHeight}\" fill=\"#f4f6f2\"/>\n"));
        if (site.Geofence is { } fence)
        {
            h.Append("<polygon class=\"geofence\" points=\"").Append(Points(fence)).Append("\"><title>geofence</title></polygon>\n");
        }

        foreach (var z in polygons)
        {
            var n = r.AlertsPerZone.GetValueOrDefault(z.Id);
            var shade = n == 0 ? "#dfe8d8" : Inv($"rgba(201,24,43,{0.15 + (0.75 * n / max):0.##})");
            h.Append("<polygon class=\"zone\" data-zone=\"").Append(E(z.Id)).Append("\" fill=\"").Append(shade).Append("\" points=\"").Append(Points(z.Polygon!))
                .Append("\"><title>").Append(E(Inv($"{z.Id} {z.Name}: {n} alerts"))).Append("</title></polygon>\n");
        }

        foreach (var z in polygons)
        {
            var (lat, lon) = z.Polygon!.Centre;
            var xy = Point(lat, lon).Split(',');
            h.Append(Inv($"<text class=\"zone-label\" x=\"{xy[0]}\" y=\"{xy[1]}\" text-anchor=\"middle\">{E(z.Name)} ({r.AlertsPerZone.GetValueOrDefault(z.Id)})</text>\n"));
        }

        h.Append("</svg>\n");
    }

    private static void Table(StringBuilder h, string caption, IReadOnlyDictionary<string, int> counts)
    {
        h.Append("<table><caption>").Append(E(caption)).Append("</caption>");
        if (counts.Count == 0)
        {
            h.Append("<tr><td>-</td></tr>");
        }

        foreach (var (key, n) in counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            h.Append("<tr><td>").Append(E(key)).Append(Inv($"</td><td class=\"n\">{n}</td></tr>"));
        }

        h.Append("</table>\n");
    }

    private static void Card(StringBuilder h, string label, string value) =>
        h.Append("<div class=\"card\">").Append(E(label)).Append("<b>").Append(E(value)).Append("</b></div>");

    private static string Day(DateTimeOffset t) => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
