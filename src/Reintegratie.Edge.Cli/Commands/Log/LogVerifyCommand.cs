using Reintegratie.Edge.Journal.Storage;
using Reintegratie.Edge.Journal.Verification;

namespace Reintegratie.Edge.Cli.Commands.Log;

/// <summary>
/// <c>edgectl log verify --db FILE [--expect-head SEQ:HASH] [--heads FILE] [--config FILE]</c>: exit 0 when the hash
/// chain is intact and every purge was one retention allowed, 1 naming the first bad seq. With the expected heads (the
/// retained <c>…/journal/head</c> values the BIV archived, one per line in <c>--heads</c>) a truncated tail and a
/// rewritten chain are caught too; with the gateway's configuration, purges are checked against its
/// <c>Journal:Retention</c>.
/// </summary>
public sealed class LogVerifyCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["log", "verify"];

    /// <inheritdoc />
    public string Summary => "log verify --db FILE [--expect-head SEQ:HASH] [--heads FILE] [--config FILE]   check the hash chain and purges; names the first bad seq";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var options = CliArgs.Parse(args, ["db", "expect-head", "heads", "config"]);
        var heads = new List<JournalHead>();
        if (options.Value("expect-head") is { } text)
        {
            heads.Add(JournalHead.TryParse(text, out var h)
                ? h
                : throw new CliUsageException($"--expect-head must be SEQ:HASH (64 hex digits), got '{text}'"));
        }

        Dictionary<string, double>? retention = null;
        try
        {
            if (options.Value("heads") is { } headsFile)
            {
                heads.AddRange(HeadsFile.Read(headsFile));
            }

            if (options.Value("config") is { } config)
            {
                retention = SiteConfigFile.LoadRetention(config);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            await console.Error.WriteLineAsync($"edgectl log verify: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        using var db = await LogDatabase.OpenAsync(options, console, "verify").ConfigureAwait(false);
        if (db is null)
        {
            return 1;
        }

        var result = JournalVerifier.Verify(db, new VerifyOptions { ExpectHeads = heads, Retention = retention });
        if (result.Intact)
        {
            var purged = result.PurgedRows > 0 ? $", {result.PurgedRows} payloads purged by retention" : string.Empty;
            var against = heads.Count > 0 ? $", {heads.Count} recorded heads matched" : string.Empty;
            await console.Out.WriteLineAsync($"intact: {result.RowsChecked} rows checked, head {result.Head}{purged}{against}").ConfigureAwait(false);
            return 0;
        }

        await console.Error.WriteLineAsync($"BROKEN at seq {result.FirstBadSeq}: {result.Reason} ({result.RowsChecked} rows checked and intact before it)").ConfigureAwait(false);
        return 1;
    }
}
