using System.Globalization;
using System.Text.Json;
using Reintegratie.Edge.Cli.Commands.Log;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Journal.Replay;
using Reintegratie.Edge.Journal.Verification;

namespace Reintegratie.Edge.Cli.Commands.Replay;

/// <summary>
/// <c>edgectl replay --db FILE [--config FILE]... [--format table|csv|json] [--no-verify]</c>: feeds the journaled events
/// through the fusion engine and compares the alert revisions it raises with the journaled ones. Exit 0 printing
/// "identical"; 1 with the first difference (and, with <c>--config</c>, the what-if table of alerts that differ);
/// 3 when the journal fails <c>log verify</c> (refused unless <c>--no-verify</c>); 78 for a bad configuration.
/// </summary>
public sealed class ReplayCommand : ICliCommand
{
    /// <summary>Exit code when the journal fails verification and the replay is refused.</summary>
    public const int ExitNotVerified = 3;

    /// <summary>Exit code of a configuration the replay cannot use (EX_CONFIG, as the gateway).</summary>
    public const int ExitConfig = 78;

    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["replay"];

    /// <inheritdoc />
    public string Summary => "replay --db FILE [--config FILE]... [--format table|csv|json] [--no-verify]   re-run the journal through fusion: \"identical\" or the first difference; with --config a what-if table";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var options = CliArgs.Parse(args, ["db", "config", "format"], ["no-verify"]);
        var format = options.Value("format") ?? "table";
        if (format is not ("table" or "csv" or "json"))
        {
            throw new CliUsageException($"--format must be table, csv or json, got '{format}'");
        }

        ReplayConfiguration config;
        try
        {
            config = ReplayConfiguration.Load(options.Values("config"), options.Required("db"));
        }
        catch (ConfigurationException ex)
        {
            await console.Error.WriteLineAsync($"edgectl replay: configuration key {ex.Key}: {ex.Message}").ConfigureAwait(false);
            return ExitConfig;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or JsonException or FormatException or InvalidOperationException)
        {
            await console.Error.WriteLineAsync($"edgectl replay: configuration cannot be read: {(ex.InnerException ?? ex).Message}").ConfigureAwait(false);
            return ExitConfig;
        }

        using var db = await LogDatabase.OpenAsync(options, console, "replay").ConfigureAwait(false);
        if (db is null)
        {
            return 1;
        }

        if (!options.Flag("no-verify"))
        {
            var verified = JournalVerifier.Verify(db, new VerifyOptions());
            if (!verified.Intact)
            {
                await console.Error.WriteLineAsync($"edgectl replay: the journal fails verify at seq {verified.FirstBadSeq} ({verified.Reason}); refused (--no-verify replays it anyway)").ConfigureAwait(false);
                return ExitNotVerified;
            }
        }

        var whatIf = options.Values("config").Count > 0;
        var result = JournalReplay.Run(db, config.Site, config.Fusion, Progress(console), new ReplayOptions { WhatIf = whatIf, ConfigDigest = whatIf ? null : config.Digest });
        foreach (var span in result.Unreplayable)
        {
            await console.Error.WriteLineAsync($"edgectl replay: cannot replay seq {span.FromSeq}..{span.ToSeq}: {span.Rows} event rows, {span.Reason}").ConfigureAwait(false);
        }

        await WriteRestartsAsync(console, result).ConfigureAwait(false);

        var compared = string.Create(CultureInfo.InvariantCulture,
            $"{result.EventsFed} events fed, {result.Journaled.Count} journaled and {result.Replayed.Count} replayed alert revisions compared, {result.Restarts.Count} gateway restarts");
        if (result.FirstDifference() is not { } difference)
        {
            await console.Out.WriteLineAsync($"identical ({compared})").ConfigureAwait(false);
            return 0;
        }

        await console.Out.WriteLineAsync($"different: {difference.Describe()} ({compared})").ConfigureAwait(false);
        if (options.Values("config").Count > 0)
        {
            await WriteTableAsync(console.Out, ReplayWhatIf.Compare(result), format).ConfigureAwait(false);
        }

        return 1;
    }

    /// <summary>Each restart modelled, each span not compared, each run with another configuration: on stderr, one line each.</summary>
    private static async Task WriteRestartsAsync(CliConsole console, ReplayResult result)
    {
        foreach (var r in result.Restarts)
        {
            var how = r.Marked ? "start marker" : "no start marker";
            var config = r.ConfigChanged ? $"; the site configuration changed here (now sha256 {r.ConfigDigest![..12]}): earlier runs used another" : string.Empty;
            var note = r.Note.Length > 0 ? $"; {r.Note}" : string.Empty;
            await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"edgectl replay: gateway restart at seq {r.Seq} ({how}): {r.Restored} active alerts continued{config}{note}")).ConfigureAwait(false);
        }

        foreach (var span in result.NotCompared)
        {
            await console.Error.WriteLineAsync($"edgectl replay: cannot compare seq {span.FromSeq}..{span.ToSeq}: {span.Reason}").ConfigureAwait(false);
        }

        foreach (var span in result.OtherConfiguration)
        {
            await console.Error.WriteLineAsync($"edgectl replay: seq {span.FromSeq}..{span.ToSeq} is a what-if: {span.Reason}").ConfigureAwait(false);
        }
    }

    private static Action<long, long>? Progress(CliConsole console)
    {
        ProgressBar? bar = null;
        return (done, total) =>
        {
            bar ??= new ProgressBar(console.Error, total);
            if (done >= total)
            {
                bar.Finish(done);
            }
            else
            {
                bar.Report(done);
            }
        };
    }

    /// <summary>One difference as a JSON object on one line (written field by field: no reflection, AOT-safe).</summary>
    private static string JsonLine(AlertDifference r)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("change", r.Change);
            json.WriteString("kind", r.Kind);
            json.WriteString("zone", r.Zone);
            json.WriteString("first_seen", r.FirstSeen);
            json.WriteString("journal_id", r.JournalId);
            json.WriteString("replay_id", r.ReplayId);
            json.WriteString("detail", r.Detail);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static async Task WriteTableAsync(TextWriter w, IReadOnlyList<AlertDifference> rows, string format)
    {
        switch (format)
        {
            case "json":
                foreach (var r in rows)
                {
                    await w.WriteLineAsync(JsonLine(r)).ConfigureAwait(false);
                }

                break;
            case "csv":
                await w.WriteLineAsync("change,kind,zone,first_seen,journal_id,replay_id,detail").ConfigureAwait(false);
                foreach (var r in rows)
                {
                    await w.WriteLineAsync(string.Join(',', new[] { r.Change, r.Kind, r.Zone, r.FirstSeen, r.JournalId, r.ReplayId, r.Detail }.Select(Csv))).ConfigureAwait(false);
                }

                break;
            default:
                await w.WriteLineAsync($"{"change",-13}{"kind",-28}{"zone",-12}{"first_seen",-29}{"journal_id",-28}{"replay_id",-28}detail").ConfigureAwait(false);
                foreach (var r in rows)
                {
                    await w.WriteLineAsync($"{r.Change,-13}{r.Kind,-28}{r.Zone,-12}{r.FirstSeen,-29}{Dash(r.JournalId),-28}{Dash(r.ReplayId),-28}{r.Detail}").ConfigureAwait(false);
                }

                await w.WriteLineAsync($"{rows.Count} alerts differ").ConfigureAwait(false);
                break;
        }
    }

    private static string Dash(string s) => s.Length == 0 ? "-" : s;

    private static string Csv(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : s;
}
