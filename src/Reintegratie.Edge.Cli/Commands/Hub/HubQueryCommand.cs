using System.Globalization;
using System.Text.Json;
using Reintegratie.Edge.Hub.Reporting;

namespace Reintegratie.Edge.Cli.Commands.Hub;

/// <summary>
/// <c>edgectl hub query [--site S]... [--kind K] [--from T] [--to T] [--limit N] [--format table|jsonl] [--db CONN]</c>:
/// alerts across sites from the hub (newest revision each), newest first; like <c>log query</c> on one gateway.
/// With <c>--bypasses</c> it lists maintenance bypasses instead: those in force now, or with <c>--from</c>/<c>--to</c>
/// every bypass whose window overlaps that period.
/// </summary>
public sealed class HubQueryCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["hub", "query"];

    /// <inheritdoc />
    public string Summary => "hub query [--bypasses] [--site S]... [--kind K] [--from T] [--to T] [--limit N] [--format table|jsonl] [--db CONN]   alerts (or bypasses) across sites";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var options = CliArgs.Parse(args, ["db", "site", "kind", "from", "to", "limit", "format"], ["bypasses"]);
        var format = options.Value("format") ?? "table";
        if (format is not ("table" or "jsonl"))
        {
            throw new CliUsageException("--format: table or jsonl");
        }

        await using var source = HubDatabase.Open(options);
        if (options.Flag("bypasses"))
        {
            if (options.Value("kind") is not null)
            {
                throw new CliUsageException("--kind: not with --bypasses (a bypass is of one kind)");
            }

            return await BypassesAsync(new HubReports(source), options, format == "jsonl", console, cancellationToken).ConfigureAwait(false);
        }

        List<HubAlertRow> rows;
        try
        {
            rows = await new HubReports(source).QueryAsync(options.Values("site"), options.Value("kind"), Time(options, "from"), Time(options, "to"),
                options.WholeNumber("limit", 100), cancellationToken).ConfigureAwait(false);
        }
        catch (Npgsql.NpgsqlException ex)
        {
            await console.Error.WriteLineAsync($"edgectl hub query: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        foreach (var r in rows)
        {
            await console.Out.WriteLineAsync(format == "jsonl"
                ? JsonSerializer.Serialize(r, HubJson.Default.HubAlertRow)
                : string.Create(CultureInfo.InvariantCulture, $"{r.FirstSeen:yyyy-MM-dd HH:mm:ss} {r.Site}/{r.Gateway} {r.Kind} {r.Severity} rev {r.Revision} {string.Join(',', r.Zones)} {(r.EndedAt is null ? "active" : "ended")} {(r.AcknowledgedBy is null ? string.Empty : "acked by " + r.AcknowledgedBy)} {r.Title}")).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task<int> BypassesAsync(HubReports reports, CliArgs options, bool jsonl, CliConsole console, CancellationToken ct)
    {
        List<HubBypassRow> rows;
        try
        {
            rows = await reports.BypassesAsync(options.Values("site"), Time(options, "from"), Time(options, "to"), ct).ConfigureAwait(false);
        }
        catch (Npgsql.NpgsqlException ex)
        {
            await console.Error.WriteLineAsync($"edgectl hub query: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        foreach (var r in rows.Take(options.WholeNumber("limit", 100)))
        {
            await console.Out.WriteLineAsync(jsonl
                ? JsonSerializer.Serialize(r, HubJson.Default.HubBypassRow)
                : string.Create(CultureInfo.InvariantCulture, $"{r.Since:yyyy-MM-dd HH:mm:ss} .. {r.Until:yyyy-MM-dd HH:mm:ss} {r.Site}/{r.Gateway} zone {r.Zone} by {string.Join(',', r.AuthorisedBy)} {(r.EndedAt is null ? "in force" : "ended")} renewals {r.Renewals} {r.Reason}")).ConfigureAwait(false);
        }

        return 0;
    }

    private static DateTimeOffset? Time(CliArgs options, string name) =>
        options.Value(name) is not { } text ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t
        : throw new CliUsageException($"--{name}: expected an ISO-8601 time, got '{text}'");
}
