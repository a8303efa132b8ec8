using Microsoft.Data.Sqlite;
using Reintegratie.Edge.Journal.Storage;
using Reintegratie.Edge.Journal.Writing;

namespace Reintegratie.Edge.Journal.Reading;

/// <summary>
/// The seq ranges that can hold rows of a time range, found without an index on every row's time: by bisection over
/// seq within each run of <c>journal_runs</c> (<see cref="TimeRuns"/>). A query that filters by time as before, but only
/// within these ranges, returns exactly the rows a scan of the whole journal returns.
/// </summary>
/// <remarks>
/// <para>Why it is exact. Within a run every row's time is at least its run's latest earlier time minus
/// <see cref="TimeRuns.Slack"/> (D). Let P(s) be "time(s) >= from - D". If P fails at s, every row of the run up to s
/// is before <c>from</c> (the latest of them is at most time(s) + D), so the first s of the run where P holds after
/// one where it fails (a bisection finds one, with "fails" before the run and "holds" after it) starts the rows that
/// can match. Likewise, from the first row at or after <c>to + D</c> on, every row of the run is at or after
/// <c>to</c>. The rows between are filtered by the query's own <c>at &gt;= from AND at &lt; to</c>. Times compare as
/// the journal's fixed-width text (text order is time order), by SQLite, as the scan compares them; a row whose time
/// is not in that form is alone in its run, where the bisection's comparison is the scan's own.</para>
/// <para>Rows before the first run (a journal written before runs were kept) are one range, scanned. The last run's
/// range is open at the end when <c>to</c> is not reached (the last seq is read before the runs, and runs after it
/// are left out), so rows the gateway appends meanwhile are seen as a scan would see them. A missing row (not a chain that verifies) makes its run one range, scanned.</para>
/// <para>Cost: one read of <c>journal_runs</c> (a row per gateway start and per clock step back) and about
/// 2 log2(rows in the run) point reads by seq per run.</para>
/// </remarks>
public static class SeqRanges
{
    /// <summary>
    /// Inclusive seq ranges, ascending and disjoint, that hold every row with seq &gt; <paramref name="afterSeq"/> and
    /// time in [<paramref name="from"/>, <paramref name="to"/>) (null: unbounded).
    /// </summary>
    public static IReadOnlyList<(long From, long To)> For(SqliteConnection connection, DateTimeOffset? from, DateTimeOffset? to, long afterSeq = 0)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var first = Math.Max(afterSeq, 0) + 1;
        var last = LastSeq(connection); // before the runs: a run that starts after it is left to the open end below
        var runs = from is null && to is null ? null : Runs(connection, last);
        if (runs is not { Count: > 0 })
        {
            return [(first, long.MaxValue)]; // nothing to narrow, or a journal without runs: scan
        }

        var ranges = new List<(long From, long To)>();
        using var probe = connection.CreateCommand();
        probe.CommandText = "SELECT at >= $text FROM journal WHERE seq = $seq;";
        var text = probe.Parameters.AddWithValue("$text", string.Empty);
        var seq = probe.Parameters.AddWithValue("$seq", 0L);
        bool? AtLeast(long s)
        {
            seq.Value = s;
            return probe.ExecuteScalar() is long b ? b != 0 : null;
        }

        var low = from is { } f ? JournalTime.ToText(Clamp(f.UtcTicks - TimeRuns.Slack.Ticks)) : null;
        var high = to is { } t ? JournalTime.ToText(Clamp(t.UtcTicks + TimeRuns.Slack.Ticks)) : null;
        Add(ranges, first, runs[0] - 1); // rows before the first run: scanned
        for (var i = 0; i < runs.Count; i++)
        {
            var (a, b) = (runs[i], i + 1 < runs.Count ? runs[i + 1] - 1 : last);
            if (b < a)
            {
                continue;
            }

            text.Value = low;
            var start = low is null ? a : FirstAtLeast(a, b, AtLeast);
            text.Value = high;
            var end = high is null || start < 0 ? b + 1 : start > b ? start : FirstAtLeast(start, b, AtLeast);
            if (start < 0 || end < 0)
            {
                (start, end) = (a, b + 1); // a row is missing: scan the run
            }

            Add(ranges, Math.Max(start, first), i == runs.Count - 1 && end > b ? long.MaxValue : end - 1);
        }

        return ranges;
    }

    /// <summary>
    /// The first s in [a, b + 1] where <paramref name="atLeast"/> holds and fails at s - 1, taking it to fail at a - 1
    /// and to hold at b + 1; -1 when a row is missing.
    /// </summary>
    private static long FirstAtLeast(long a, long b, Func<long, bool?> atLeast)
    {
        var (fails, holds) = (a - 1, b + 1);
        while (holds - fails > 1)
        {
            var mid = fails + ((holds - fails) / 2);
            switch (atLeast(mid))
            {
                case true:
                    holds = mid;
                    break;
                case false:
                    fails = mid;
                    break;
                default:
                    return -1;
            }
        }

        return holds;
    }

    private static void Add(List<(long From, long To)> ranges, long from, long to)
    {
        if (from > to)
        {
            return;
        }

        if (ranges.Count > 0 && ranges[^1].To >= from - 1)
        {
            ranges[^1] = (ranges[^1].From, Math.Max(ranges[^1].To, to));
        }
        else
        {
            ranges.Add((from, to));
        }
    }

    private static DateTimeOffset Clamp(long ticks) =>
        new(Math.Clamp(ticks, DateTimeOffset.MinValue.UtcTicks, DateTimeOffset.MaxValue.UtcTicks), TimeSpan.Zero);

    /// <summary>The first seq of every run up to <paramref name="last"/>, ascending; null when the journal has no <c>journal_runs</c> table.</summary>
    private static List<long>? Runs(SqliteConnection connection, long last)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'journal_runs';";
        if ((long)command.ExecuteScalar()! == 0)
        {
            return null;
        }

        command.CommandText = "SELECT first_seq FROM journal_runs WHERE first_seq <= $last ORDER BY first_seq;";
        command.Parameters.AddWithValue("$last", last);
        using var reader = command.ExecuteReader();
        var runs = new List<long>();
        while (reader.Read())
        {
            runs.Add(reader.GetInt64(0));
        }

        return runs;
    }

    private static long LastSeq(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(seq), 0) FROM journal;";
        return (long)command.ExecuteScalar()!;
    }
}
