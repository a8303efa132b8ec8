using System.Globalization;
using System.Text.Json;
using Reintegratie.Edge.Hub.Reporting;

namespace Reintegratie.Edge.Cli.Commands.Hub;

/// <summary>
/// <c>edgectl hub query [--site S]... [--kind K] [--from T] [--to T] [--limit N] [--format table|jsonl] [--db CONN]</c>:
/// alerts across sites from the hub (newest revision each), newest first; like <c>log query</c> on one gateway.
/// </summary>
public sealed class HubQueryCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["hub", "query"];

    /// <inheritdoc />
    public string Summary => "hub query [--site S]... [--kind K] [--from T] [--to T] [--limit N] [--format table|jsonl] [--db CONN]   alerts across sites";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var options = CliArgs.Parse(args, ["db", "site", "kind", "from", "to", "limit", "format"]);
        var format = options.Value("format") ?? "table";
        if (format is not ("table" or "jsonl"))
        {
            throw new CliUsageException("--format: table or jsonl");
        }

        await using var source = HubDatabase.Open(options);
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

    private static DateTimeOffset? Time(CliArgs options, string name) =>
        options.Value(name) is not { } text ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t
        : throw new CliUsageException($"--{name}: expected an ISO-8601 time, got '{text}'");
}
