using Microsoft.Data.Sqlite;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Fusion;
using Reintegratie.Edge.Journal.Reading;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Replay;

/// <summary>
/// Finds the restarts of a journal written before start markers: a restarted gateway's alert-id counter starts
/// again, so a new alert whose id is the seed's first id (counter 1) after another new alert of the same run shows
/// that a restart lies between the two. Where exactly is not journaled: the rows between cannot be compared.
/// </summary>
internal static class UnmarkedRestarts
{
    private const int RecentCauses = 4096;

    /// <summary>A restart somewhere in seq (<paramref name="AfterSeq"/>, <paramref name="AtSeq"/>); the replay restarts at <paramref name="AtSeq"/>.</summary>
    /// <param name="AfterSeq">The last new alert of the run before (the restart came after it).</param>
    /// <param name="AtSeq">The row of the first event that caused the new run's first alert (or that alert's row).</param>
    /// <param name="AlertSeq">The new run's first alert row (its id is the seed's first).</param>
    public readonly record struct Restart(long AfterSeq, long AtSeq, long AlertSeq);

    public static List<Restart> Find(SqliteConnection connection, ulong seed)
    {
        var found = new List<Restart>();
        var recent = new Queue<(long EventId, long Seq)>();
        long lastNew = 0;
        foreach (var row in JournalReader.Query(connection, new JournalQuery()))
        {
            if (row.Type == JournalRowTypes.Note && row.Kind == StartMarker.Kind)
            {
                lastNew = 0; // a marked restart: the counter restarts by design
                recent.Clear();
                continue;
            }

            if (row.Type is JournalRowTypes.Event or JournalRowTypes.Command or JournalRowTypes.Note && row.EventId is { } id)
            {
                recent.Enqueue((id, row.Seq));
                if (recent.Count > RecentCauses)
                {
                    recent.Dequeue();
                }

                continue;
            }

            if (row.Type != JournalRowTypes.Alert || row.Revision != 1 || row.AlertId is not { } alertId)
            {
                continue;
            }

            if (lastNew > 0 && IsFirstId(alertId, seed))
            {
                var at = row.EventId is { } cause && recent.FirstOrDefault(r => r.EventId == cause) is { Seq: > 0 } c && c.Seq > lastNew ? c.Seq : row.Seq;
                found.Add(new Restart(lastNew, at, row.Seq));
            }

            lastNew = row.Seq;
        }

        return found;
    }

    /// <summary>True when <paramref name="id"/> is the first id a generator with <paramref name="seed"/> makes at its time.</summary>
    private static bool IsFirstId(string id, ulong seed) =>
        UlidGenerator.TimeOf(id) is { } ms && string.Equals(new UlidGenerator(seed).NewId(DateTimeOffset.FromUnixTimeMilliseconds(ms)), id, StringComparison.Ordinal);
}
