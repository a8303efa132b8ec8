using System.Globalization;
using System.Text;
using Reintegratie.Edge.Journal.Reading;

namespace Reintegratie.Edge.Cli.Commands.Log;

/// <summary>
/// <c>edgectl log export --db FILE --format jsonl|csv [--out FILE]</c>: every row (jsonl: one JSON object per row
/// with seq, at, type, kind, zone, sensor, event_id, alert_id, revision, severity, payload, prev_hash, hash). A
/// progress bar goes to stderr when stderr is a terminal and the export is large.
/// </summary>
public sealed class LogExportCommand : ICliCommand
{
    private const long ProgressThreshold = 10_000;

    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["log", "export"];

    /// <inheritdoc />
    public string Summary => "log export --db FILE --format jsonl|csv [--out FILE]   every journal row";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var options = CliArgs.Parse(args, ["db", "format", "out"]);
        var format = options.Required("format");
        if (format is not ("jsonl" or "csv"))
        {
            throw new CliUsageException($"--format must be jsonl or csv, got '{format}'");
        }

        using var db = await LogDatabase.OpenAsync(options, console, "export").ConfigureAwait(false);
        if (db is null)
        {
            return 1;
        }

        var total = JournalReader.Count(db);
        var progress = ShowProgress(console) && total >= ProgressThreshold ? new ProgressBar(console.Error, total) : null;
        var outPath = options.Value("out");
        var file = outPath is null ? null : new StreamWriter(outPath, false, new UTF8Encoding(false), 1 << 16);
        var writer = file ?? console.Out;
        long n = 0;
        try
        {
            if (format == "csv")
            {
                await writer.WriteLineAsync(RowFormatter.CsvHeader).ConfigureAwait(false);
            }

            foreach (var row in JournalReader.Query(db, new JournalQuery()))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteLineAsync(format == "csv" ? RowFormatter.CsvLine(row) : RowFormatter.JsonLine(row)).ConfigureAwait(false);
                if ((++n & 0x3FF) == 0)
                {
                    progress?.Report(n);
                }
            }

            progress?.Finish(n);
        }
        finally
        {
            if (file is not null)
            {
                await file.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (outPath is not null)
        {
            await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"exported {n} rows to {outPath}")).ConfigureAwait(false);
        }

        return 0;
    }

    private static bool ShowProgress(CliConsole console) =>
        ReferenceEquals(console.Error, Console.Error) ? !Console.IsErrorRedirected : console.IsTerminal;
}
