using System.Text;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Journal.Reporting;

namespace Reintegratie.Edge.Cli.Commands.Log;

/// <summary>
/// <c>edgectl log report --db FILE --period 2026-T3 [--config site.json] [--html FILE]</c>: alert and event counts per
/// kind, zone and sensor, time to acknowledgement (median, p90), busiest zones and hours; --html writes one
/// self-contained file with a timeline and a zone map (zone polygons from the configuration's Site section).
/// </summary>
public sealed class LogReportCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["log", "report"];

    /// <inheritdoc />
    public string Summary => "log report --db FILE --period 2026-T3 [--config site.json] [--html FILE]   tertaal report";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var options = CliArgs.Parse(args, ["db", "period", "config", "html"]);
        if (!Tertaal.TryParse(options.Required("period"), out var period, out var reason))
        {
            throw new CliUsageException(reason);
        }

        SiteModel? site = null;
        if (options.Value("config") is { } config)
        {
            try
            {
                site = SiteConfigFile.Load(config);
            }
            catch (Exception ex) when (ex is ConfigurationException or IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
            {
                await console.Error.WriteLineAsync($"edgectl log report: {config}: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
        }

        using var db = await LogDatabase.OpenAsync(options, console, "report").ConfigureAwait(false);
        if (db is null)
        {
            return 1;
        }

        var report = ReportBuilder.Build(db, period);
        ReportText.Write(console.Out, report, site?.Name);
        if (options.Value("html") is { } html)
        {
            await File.WriteAllTextAsync(html, HtmlReport.Render(report, site), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            await console.Error.WriteLineAsync($"wrote {html}").ConfigureAwait(false);
        }

        return 0;
    }
}
