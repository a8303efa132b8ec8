using Reintegratie.Edge.Journal.Storage;
using Reintegratie.Edge.Journal.Verification;

namespace Reintegratie.Edge.Cli.Commands.Log;

/// <summary>
/// <c>edgectl log verify --db FILE [--expect-head SEQ:HASH]</c>: exit 0 when the hash chain is intact, 1 naming the
/// first bad seq. With the expected head (the retained <c>…/journal/head</c>) a truncated tail is caught too.
/// </summary>
public sealed class LogVerifyCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["log", "verify"];

    /// <inheritdoc />
    public string Summary => "log verify --db FILE [--expect-head SEQ:HASH]   check the hash chain; names the first bad seq";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var options = CliArgs.Parse(args, ["db", "expect-head"]);
        JournalHead? expect = null;
        if (options.Value("expect-head") is { } text)
        {
            expect = JournalHead.TryParse(text, out var h)
                ? h
                : throw new CliUsageException($"--expect-head must be SEQ:HASH (64 hex digits), got '{text}'");
        }

        using var db = await LogDatabase.OpenAsync(options, console, "verify").ConfigureAwait(false);
        if (db is null)
        {
            return 1;
        }

        var result = JournalVerifier.Verify(db, expect);
        if (result.Intact)
        {
            await console.Out.WriteLineAsync($"intact: {result.RowsChecked} rows checked, head {result.Head}").ConfigureAwait(false);
            return 0;
        }

        await console.Error.WriteLineAsync($"BROKEN at seq {result.FirstBadSeq}: {result.Reason} ({result.RowsChecked} rows checked and intact before it)").ConfigureAwait(false);
        return 1;
    }
}
