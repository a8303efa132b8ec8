using System.Globalization;
using Reintegratie.Edge.Journal.Reading;

namespace Reintegratie.Edge.Cli.Commands.Log;

/// <summary><c>edgectl log tail --db FILE [-n N] [--follow]</c>: the newest rows; with --follow, new rows as they commit.</summary>
public sealed class LogTailCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["log", "tail"];

    /// <inheritdoc />
    public string Summary => "log tail --db FILE [-n N] [--follow]   newest journal rows (follow: keep printing new ones)";

    /// <summary>How often --follow looks for new rows.</summary>
    public static TimeSpan FollowInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var normalised = args.Select(a => a == "-n" ? "--n" : a).ToList();
        var options = CliArgs.Parse(normalised, ["db", "n"], ["follow"]);
        var count = options.WholeNumber("n", 20);
        if (count < 0)
        {
            throw new CliUsageException($"-n must be 0 or more, got {count}");
        }

        using var db = await LogDatabase.OpenAsync(options, console, "tail").ConfigureAwait(false);
        if (db is null)
        {
            return 1;
        }

        await console.Out.WriteLineAsync(RowFormatter.TableHeader).ConfigureAwait(false);
        long last = 0;
        foreach (var row in JournalReader.Tail(db, count))
        {
            await console.Out.WriteLineAsync(RowFormatter.TableLine(row)).ConfigureAwait(false);
            last = row.Seq;
        }

        if (!options.Flag("follow"))
        {
            return 0;
        }

        if (last == 0 && JournalReader.Tail(db, 1) is [var newest])
        {
            last = newest.Seq;
        }

        await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                await Task.Delay(FollowInterval, cancellationToken).ConfigureAwait(false);
                foreach (var row in JournalReader.Query(db, new JournalQuery { AfterSeq = last }))
                {
                    await console.Out.WriteLineAsync(RowFormatter.TableLine(row)).ConfigureAwait(false);
                    last = row.Seq;
                }

                await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"stopped after seq {last}")).ConfigureAwait(false);
            return 0;
        }
    }
}
