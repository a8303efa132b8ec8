using Reintegratie.Edge.Journal.Reading;

namespace Reintegratie.Edge.Cli.Commands.Log;

/// <summary>
/// <c>edgectl log query --db FILE [--from T] [--to T] [--kind K] [--type T] [--zone Z] [--sensor S] [--alert ID]
/// [--format table|json|csv]</c>.
/// </summary>
public sealed class LogQueryCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["log", "query"];

    /// <inheritdoc />
    public string Summary => "log query --db FILE [--from T] [--to T] [--kind K] [--type T] [--zone Z] [--sensor S] [--alert ID] [--format table|json|csv]";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var options = CliArgs.Parse(args, ["db", "from", "to", "kind", "type", "zone", "sensor", "alert", "format"]);
        var format = options.Value("format") ?? "table";
        if (format is not ("table" or "json" or "csv"))
        {
            throw new CliUsageException($"--format must be table, json or csv, got '{format}'");
        }

        var query = new JournalQuery
        {
            From = LogDatabase.Time(options, "from"),
            To = LogDatabase.Time(options, "to"),
            Kind = options.Value("kind"),
            Type = options.Value("type"),
            Zone = options.Value("zone"),
            Sensor = options.Value("sensor"),
            AlertId = options.Value("alert"),
        };
        using var db = await LogDatabase.OpenAsync(options, console, "query").ConfigureAwait(false);
        if (db is null)
        {
            return 1;
        }

        var header = format switch
        {
            "table" => RowFormatter.TableHeader,
            "csv" => RowFormatter.CsvHeader,
            _ => null,
        };
        if (header is not null)
        {
            await console.Out.WriteLineAsync(header).ConfigureAwait(false);
        }

        var n = 0;
        foreach (var row in JournalReader.Query(db, query))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = format switch
            {
                "table" => RowFormatter.TableLine(row),
                "csv" => RowFormatter.CsvLine(row),
                _ => RowFormatter.JsonLine(row),
            };
            await console.Out.WriteLineAsync(line).ConfigureAwait(false);
            n++;
        }

        if (format == "table")
        {
            await console.Out.WriteLineAsync($"({n} rows)").ConfigureAwait(false);
        }

        return 0;
    }
}
