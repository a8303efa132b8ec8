using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Retention;

/// <summary>
/// Retention per event kind (<see cref="JournalOptions.Retention"/>): finds the event rows older than their kind's
/// retention (bodycam events linked to an alert are kept) and drops their payloads, keeping each row's header and
/// payload digest so the chain still verifies. The checkpoint payload it builds names the purged seq ranges and the
/// cutoff per kind, so the verifier can tell exactly which rows were purged and whether retention allowed it. All of
/// retention's SQL is here; the journal writer owns the transaction and appends the checkpoint row.
/// </summary>
internal sealed partial class RetentionJob
{
    private readonly SqliteConnection _connection;
    private readonly IReadOnlyDictionary<string, double> _retention;
    private readonly ILogger _logger;

    public RetentionJob(SqliteConnection connection, IReadOnlyDictionary<string, double> retention, ILogger logger)
    {
        _connection = connection;
        _retention = retention;
        _logger = logger;
    }

    /// <summary>What one run purges, or null when nothing has expired.</summary>
    public RetentionPlan? Plan(DateTimeOffset now)
    {
        var linked = LinkedRecordings();
        var candidates = new HashSet<long>();
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        var cutoffs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (kind, days) in _retention)
        {
            var before = now - TimeSpan.FromDays(days);
            cutoffs[kind] = JournalTime.ToText(before);
            var n = CollectExpired(kind, before, linked, candidates);
            if (n > 0)
            {
                kinds[kind] = n;
            }
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        var ranges = PurgeRanges(candidates);
        return new RetentionPlan(candidates, ranges, CheckpointPayload.Write(ranges, kinds, cutoffs));
    }

    /// <summary>Drops the planned payloads, in the caller's open transaction.</summary>
    public void Purge(RetentionPlan plan)
    {
        using var update = _connection.CreateCommand();
        update.CommandText = "UPDATE journal SET payload = NULL WHERE seq = $seq;";
        var p = update.Parameters.AddWithValue("$seq", 0L);
        foreach (var seq in plan.Seqs)
        {
            p.Value = seq;
            update.ExecuteNonQuery();
        }
    }

    /// <summary>The plan's transaction committed.</summary>
    public void Completed(RetentionPlan plan) => LogPurged(_logger, plan.Seqs.Count, plan.Ranges.Count);

    private HashSet<string> LinkedRecordings()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT r.value FROM journal a, json_each(a.payload, '$.after.bodycam_recordings') r WHERE a.type = 'alert';";
        using var reader = command.ExecuteReader();
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            if (!reader.IsDBNull(0))
            {
                set.Add(reader.GetString(0));
            }
        }

        return set;
    }

    private int CollectExpired(string kind, DateTimeOffset before, HashSet<string> linked, HashSet<long> into)
    {
        var cutoff = JournalTime.ToText(before);
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT seq, payload FROM journal WHERE seq BETWEEN $first AND $last AND at < $cutoff AND type = 'event' AND kind = $kind AND payload IS NOT NULL;";
        command.Parameters.AddWithValue("$cutoff", cutoff);
        command.Parameters.AddWithValue("$kind", kind);
        var first = command.Parameters.AddWithValue("$first", 0L);
        var last = command.Parameters.AddWithValue("$last", 0L);
        var n = 0;
        foreach (var (from, to) in Reading.SeqRanges.For(_connection, null, before))
        {
            (first.Value, last.Value) = (from, to); // the rows after the cutoff (the retained days) are not read
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (kind == "bodycam" && IsLinked(reader.GetString(1), linked))
                {
                    continue;
                }

                into.Add(reader.GetInt64(0));
                n++;
            }
        }

        return n;
    }

    private static bool IsLinked(string payload, HashSet<string> linked)
    {
        using var doc = JsonDocument.Parse(payload);
        return doc.RootElement.TryGetProperty("recording_id", out var id) && id.GetString() is { } s && linked.Contains(s);
    }

    /// <summary>Groups the purged seqs into runs of consecutive seqs.</summary>
    private static List<PurgedRange> PurgeRanges(HashSet<long> candidates)
    {
        var ranges = new List<PurgedRange>();
        foreach (var seq in candidates.Order())
        {
            if (ranges.Count > 0 && ranges[^1].To == seq - 1)
            {
                ranges[^1] = ranges[^1] with { To = seq };
            }
            else
            {
                ranges.Add(new PurgedRange(seq, seq));
            }
        }

        return ranges;
    }

    [LoggerMessage(EventId = 346, Level = LogLevel.Information, Message = "Retention purged {Rows} journal rows in {Ranges} ranges through a checkpoint")]
    private static partial void LogPurged(ILogger logger, int rows, int ranges);
}
