using System.Text.Json;
using Microsoft.Data.Sqlite;
using Reintegratie.Edge.Journal.Retention;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Writing;

/// <summary>Retention: dropping old events' payloads per kind through a checkpoint row; headers and digests stay, so the chain still verifies.</summary>
public sealed partial class JournalWriter
{
    /// <summary>
    /// Drops the payload of event rows older than their kind's retention (bodycam events linked to an alert are kept),
    /// keeping each row's header and payload digest, and appends a checkpoint row naming the purged seq ranges and the
    /// cutoff per kind, so the verifier can tell exactly which rows were purged and whether retention allowed it. Runs on the journal
    /// thread (the stage calls it every <see cref="JournalOptions.RetentionCheckMinutes"/>). Returns rows purged.
    /// </summary>
    public int RunRetention()
    {
        if (_options.Retention.Count == 0)
        {
            return 0;
        }

        Flush();
        var now = _time.GetUtcNow();
        var linked = LinkedRecordings();
        var candidates = new HashSet<long>();
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        var cutoffs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (kind, days) in _options.Retention)
        {
            var cutoff = JournalTime.ToText(now - TimeSpan.FromDays(days));
            cutoffs[kind] = cutoff;
            var n = CollectExpired(kind, cutoff, linked, candidates);
            if (n > 0)
            {
                kinds[kind] = n;
            }
        }

        if (candidates.Count == 0)
        {
            return 0;
        }

        var ranges = PurgeRanges(candidates);
        try
        {
            _sql.Begin();
            _inTransaction = true;
            using (var delete = _connection.CreateCommand())
            {
                delete.CommandText = "UPDATE journal SET payload = NULL WHERE seq = $seq;";
                var p = delete.Parameters.AddWithValue("$seq", 0L);
                foreach (var seq in candidates)
                {
                    p.Value = seq;
                    delete.ExecuteNonQuery();
                }
            }

            var payload = CheckpointPayload.Write(ranges, kinds, cutoffs);
            AppendRow(new RowFields(0, JournalTime.ToText(now), JournalRowTypes.Checkpoint, "retention", null, null, null, null, null, null), payload);
            Commit();
        }
        catch (SqliteException ex)
        {
            Fail(ex);
            return 0;
        }

        LogPurged(_logger, candidates.Count, ranges.Count);
        return candidates.Count;
    }

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

    private int CollectExpired(string kind, string cutoff, HashSet<string> linked, HashSet<long> into)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT seq, payload FROM journal WHERE at < $cutoff AND type = 'event' AND kind = $kind AND payload IS NOT NULL;";
        command.Parameters.AddWithValue("$cutoff", cutoff);
        command.Parameters.AddWithValue("$kind", kind);
        using var reader = command.ExecuteReader();
        var n = 0;
        while (reader.Read())
        {
            if (kind == "bodycam" && IsLinked(reader.GetString(1), linked))
            {
                continue;
            }

            into.Add(reader.GetInt64(0));
            n++;
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

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 346, Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Retention purged {Rows} journal rows in {Ranges} ranges through a checkpoint")]
    private static partial void LogPurged(Microsoft.Extensions.Logging.ILogger logger, int rows, int ranges);
}
