using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Journal;
using Reintegratie.Edge.Journal.Reading;
using Reintegratie.Edge.Journal.Storage;
using Reintegratie.Edge.Journal.Writing;

namespace Reintegratie.Edge.Benchmarks.EndToEnd;

/// <summary>
/// journal_range_*: a one-hour window read from a journal of <c>rows</c> drone events (one every 20 ms, so about 5.6 h,
/// with the clock stepped back 30 minutes at 60 % and jitter of up to 2 s), as <c>edgectl log --from/--to</c> reads
/// it: before, a scan of every row (the journal has no index on every row's time); now, <see cref="JournalReader.Query"/>
/// (the seq ranges of <see cref="SeqRanges"/>, found by bisection). Both must return the same rows. While the journal is
/// written (1000 events a commit, as fast as it goes) the WAL's size is sampled after every commit: the checkpoints on
/// the sync thread keep it bounded.
/// </summary>
internal static class JournalTimeRange
{
    public sealed record Result(long Rows, long Matched, double ScanMs, double BisectMs, long RangeRows, double WriteEventsPerS, double MaxWalMb, long Checkpoints, double ScanCountMs, double BisectCountMs);

    public static Result Measure(int rows)
    {
        var dir = Directory.CreateTempSubdirectory("edge-journal-range-").FullName;
        try
        {
            var path = Path.Combine(dir, "journal.db");
            var t0 = new DateTimeOffset(2026, 12, 6, 6, 0, 0, TimeSpan.Zero);
            var (rate, maxWal, checkpoints) = Write(path, rows, t0);
            var from = t0.AddHours(2);
            var query = new JournalQuery { From = from, To = from.AddHours(1) };
            using var c = JournalDatabase.OpenReadOnly(path);
            var scanMs = new List<double>();
            var bisectMs = new List<double>();
            var scanCountMs = new List<double>();
            var bisectCountMs = new List<double>();
            long scanned = 0, found = 0;
            for (var i = 0; i < 3; i++)
            {
                var start = Stopwatch.GetTimestamp();
                scanned = Scan(c, query);
                scanMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                start = Stopwatch.GetTimestamp();
                found = JournalReader.Query(c, query).LongCount();
                bisectMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                start = Stopwatch.GetTimestamp();
                var countScanned = Count(c, query, [(1, long.MaxValue)]);
                scanCountMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                start = Stopwatch.GetTimestamp();
                var countFound = Count(c, query, SeqRanges.For(c, query.From, query.To));
                bisectCountMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (countScanned != countFound || countFound != found)
                {
                    throw new InvalidOperationException($"counts differ: scan {countScanned}, bisection {countFound}, rows {found}");
                }
            }

            if (scanned != found)
            {
                throw new InvalidOperationException($"the bisection found {found} rows, the scan {scanned}");
            }

            var rangeRows = SeqRanges.For(c, query.From, query.To).Sum(r => Math.Min(r.To, rows) - r.From + 1);
            return new Result(rows, found, scanMs.Order().ElementAt(1), bisectMs.Order().ElementAt(1), rangeRows, rate, maxWal, checkpoints,
                scanCountMs.Order().ElementAt(1), bisectCountMs.Order().ElementAt(1));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (double Rate, double MaxWalMb, long Checkpoints) Write(string path, int rows, DateTimeOffset t0)
    {
        using var journal = JournalWriter.Open(new JournalOptions { Path = path }, JournalThroughput.Site, TimeProvider.System);
        var random = new Random(18);
        var e = new SensorEvent();
        var d = DroneData.Unknown;
        d.TrackId = FixedAscii32.From("BENCH1");
        d.FrequencyMhz = 2437.5f;
        var maxWal = 0L;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < rows; i++)
        {
            var at = t0.AddMilliseconds((20.0 * i) - (i >= rows * 6 / 10 ? 30 * 60_000 : 0) - random.Next(2000));
            e.SetHeader(new EventHeader(EventKind.DroneDetection, SensorFamily.RfDetector, 0, 0, at));
            e.EventId = journal.NextEventId + i;
            e.Drone = d;
            var end = (i + 1) % 1000 == 0;
            journal.OnEvent(e, i, endOfBatch: end);
            if (end)
            {
                maxWal = Math.Max(maxWal, new FileInfo(path + "-wal").Length);
            }
        }

        journal.Flush();
        return (rows / Stopwatch.GetElapsedTime(start).TotalSeconds, maxWal / 1048576.0, journal.Checkpoints);
    }

    /// <summary>Rows in the window counted by SQLite alone (what a report's counts do), within the given seq ranges.</summary>
    private static long Count(SqliteConnection c, JournalQuery q, IReadOnlyList<(long From, long To)> ranges)
    {
        using var command = c.CreateCommand();
        command.CommandText = "SELECT count(*) FROM journal WHERE seq BETWEEN $first AND $last AND at >= $from AND at < $to;";
        command.Parameters.AddWithValue("$from", JournalTime.ToText(q.From!.Value));
        command.Parameters.AddWithValue("$to", JournalTime.ToText(q.To!.Value));
        var first = command.Parameters.AddWithValue("$first", 0L);
        var last = command.Parameters.AddWithValue("$last", 0L);
        var n = 0L;
        foreach (var (from, to) in ranges)
        {
            (first.Value, last.Value) = (from, to);
            n += (long)command.ExecuteScalar()!;
        }

        return n;
    }

    /// <summary>The read before: every row, filtered by time (what <c>edgectl log --from/--to</c> did without <c>journal_at</c>).</summary>
    private static long Scan(SqliteConnection c, JournalQuery q)
    {
        using var command = c.CreateCommand();
        command.CommandText = $"SELECT {JournalSchema.Columns} FROM journal WHERE seq > 0 AND at >= $from AND at < $to ORDER BY seq;";
        command.Parameters.AddWithValue("$from", JournalTime.ToText(q.From!.Value));
        command.Parameters.AddWithValue("$to", JournalTime.ToText(q.To!.Value));
        using var reader = command.ExecuteReader();
        var n = 0L;
        while (reader.Read())
        {
            _ = JournalDatabase.ReadRow(reader);
            n++;
        }

        return n;
    }
}
