using System.Text.Json;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Cli.Commands.Log;

/// <summary>
/// The heads a subscriber archived from <c>…/journal/head</c>: one per line, either the retained JSON payload
/// (<c>{"seq":N,"hash":"…","at":"…"}</c>) or <c>SEQ:HASH</c>. Blank lines and lines starting with <c>#</c> are skipped.
/// </summary>
internal static class HeadsFile
{
    /// <summary>Reads every head; throws <see cref="CliUsageException"/> naming the first unreadable line.</summary>
    public static List<JournalHead> Read(string path)
    {
        var heads = new List<JournalHead>();
        var n = 0;
        foreach (var raw in File.ReadLines(path))
        {
            n++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            heads.Add(TryParse(line, out var head) ? head : throw new CliUsageException($"{path} line {n}: expected a journal head JSON object or SEQ:HASH, got '{(line.Length > 60 ? line[..60] + "…" : line)}'"));
        }

        return heads;
    }

    private static bool TryParse(string line, out JournalHead head)
    {
        if (line[0] != '{')
        {
            return JournalHead.TryParse(line, out head);
        }

        head = JournalHead.Empty;
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.TryGetProperty("seq", out var seq) && seq.TryGetInt64(out var s)
                && doc.RootElement.TryGetProperty("hash", out var hash) && hash.ValueKind == JsonValueKind.String
                && JournalHead.TryParse($"{s}:{hash.GetString()}", out head);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
