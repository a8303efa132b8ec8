using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Reintegratie.Edge.Hub.Reporting;
using Reintegratie.Edge.Journal.Reporting;

namespace Reintegratie.Edge.Cli.Commands.Hub;

/// <summary>
/// <c>edgectl hub report --period 2026-T3 [--site S]... [--format table|csv|json] [--html FILE] [--db CONN]</c>: the
/// national tertaal report from the hub's PostgreSQL: alerts per site, kind and zone, acknowledged count, time to
/// acknowledgement (median, p90 in seconds); then (table, json, html; csv holds the alerts only) the maintenance bypasses
/// per site and zone: how many overlapped the tertaal and the hours bypassed within it.
/// </summary>
public sealed class HubReportCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["hub", "report"];

    /// <inheritdoc />
    public string Summary => "hub report --period 2026-T3 [--site S]... [--format table|csv|json] [--html FILE] [--db CONN]   tertaal report across sites";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var options = CliArgs.Parse(args, ["db", "period", "site", "format", "html"]);
        if (!Tertaal.TryParse(options.Required("period"), out var period, out var reason))
        {
            throw new CliUsageException(reason);
        }

        var format = options.Value("format") ?? "table";
        if (format is not ("table" or "csv" or "json"))
        {
            throw new CliUsageException("--format: table, csv or json");
        }

        await using var source = HubDatabase.Open(options);
        List<HubReportRow> rows;
        List<HubBypassSummaryRow> bypasses;
        try
        {
            var reports = new HubReports(source);
            rows = await reports.TertaalAsync(period.Start, period.End, options.Values("site"), cancellationToken).ConfigureAwait(false);
            bypasses = await reports.BypassSummaryAsync(period.Start, period.End, options.Values("site"), cancellationToken).ConfigureAwait(false);
        }
        catch (Npgsql.NpgsqlException ex)
        {
            await console.Error.WriteLineAsync($"edgectl hub report: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        await console.Out.WriteAsync(format switch
        {
            "csv" => Csv(rows),
            "json" => JsonSerializer.Serialize(new HubReportJson(period.ToString(), rows, bypasses), HubJson.Default.HubReportJson) + "\n",
            _ => Table(period, rows, bypasses),
        }).ConfigureAwait(false);
        if (options.Value("html") is { } html)
        {
            await File.WriteAllTextAsync(html, Html(period, rows, bypasses), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            await console.Error.WriteLineAsync($"wrote {html}").ConfigureAwait(false);
        }

        return 0;
    }

    private static string Seconds(double? s) => s is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    private static string Table(Tertaal period, List<HubReportRow> rows, List<HubBypassSummaryRow> bypasses)
    {
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"Tertaal {period} ({period.Start:yyyy-MM-dd} .. {period.End:yyyy-MM-dd}), {rows.Select(r => r.Site).Distinct().Count()} sites\n");
        b.Append(CultureInfo.InvariantCulture, $"{"site",-20} {"kind",-28} {"zone",-14} {"alerts",7} {"acked",6} {"ack p50 s",10} {"ack p90 s",10}\n");
        foreach (var r in rows)
        {
            b.Append(CultureInfo.InvariantCulture, $"{r.Site,-20} {r.Kind,-28} {r.Zone,-14} {r.Alerts,7} {r.Acknowledged,6} {Seconds(r.AckMedianSeconds),10} {Seconds(r.AckP90Seconds),10}\n");
        }

        b.Append(CultureInfo.InvariantCulture, $"\nBypasses\n{"site",-20} {"zone",-14} {"bypasses",8} {"hours",8}\n");
        foreach (var r in bypasses)
        {
            b.Append(CultureInfo.InvariantCulture, $"{r.Site,-20} {r.Zone,-14} {r.Bypasses,8} {r.Hours,8:0.0}\n");
        }

        return b.ToString();
    }

    private static string Csv(List<HubReportRow> rows)
    {
        var b = new StringBuilder("site,kind,zone,alerts,acknowledged,ack_median_s,ack_p90_s\n");
        foreach (var r in rows)
        {
            b.Append(CultureInfo.InvariantCulture, $"{Quote(r.Site)},{Quote(r.Kind)},{Quote(r.Zone)},{r.Alerts},{r.Acknowledged},{Seconds(r.AckMedianSeconds)},{Seconds(r.AckP90Seconds)}\n");
        }

        return b.ToString();
    }

    private static string Quote(string s) => s.IndexOfAny([',', '"', '\n']) < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Html(Tertaal period, List<HubReportRow> rows, List<HubBypassSummaryRow> bypasses)
    {
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Tertaalrapportage {period}</title>");
        b.Append("<style>body{font-family:system-ui,sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem}td.n{text-align:right}</style></head><body>");
        b.Append(CultureInfo.InvariantCulture, $"<h1>Tertaalrapportage {period}: alle locaties</h1><p>{period.Start:yyyy-MM-dd} tot {period.End:yyyy-MM-dd}</p>");
        foreach (var site in rows.GroupBy(r => r.Site))
        {
            b.Append(CultureInfo.InvariantCulture, $"<h2>{WebUtility.HtmlEncode(site.Key)}</h2><table><tr><th>Soort</th><th>Zone</th><th>Meldingen</th><th>Bevestigd</th><th>Tijd tot bevestiging p50 (s)</th><th>p90 (s)</th></tr>");
            foreach (var r in site)
            {
                b.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(r.Kind)}</td><td>{WebUtility.HtmlEncode(r.Zone)}</td><td class=n>{r.Alerts}</td><td class=n>{r.Acknowledged}</td><td class=n>{Seconds(r.AckMedianSeconds)}</td><td class=n>{Seconds(r.AckP90Seconds)}</td></tr>");
            }

            b.Append("</table>");
        }

        b.Append("<h2>Overbruggingen (onderhoud)</h2><table><tr><th>Locatie</th><th>Zone</th><th>Aantal</th><th>Uren overbrugd</th></tr>");
        foreach (var r in bypasses)
        {
            b.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(r.Site)}</td><td>{WebUtility.HtmlEncode(r.Zone)}</td><td class=n>{r.Bypasses}</td><td class=n>{r.Hours:0.0}</td></tr>");
        }

        return b.Append("</table></body></html>\n").ToString();
    }
}
