using Microsoft.Data.Sqlite;
using Reintegratie.Edge.Journal.Reading;
using Reintegratie.Edge.Journal.Storage;
using Reintegratie.Edge.Journal.Writing;
using Xunit.Abstractions;

namespace Reintegratie.Edge.Journal.Tests.Reading;

/// <summary>
/// Time-range reads without an index on every row's time (<see cref="SeqRanges"/>, <see cref="JournalReader.Query"/>)
/// return exactly what a scan of the whole journal returns, whatever the times: in order, jittered within and beyond
/// the slack, a clock stepped back an hour, old timestamps (a bodycam recording's end), restarts, a prefix written
/// before runs were kept, and times not in the writer's form. Real journal files; the scan is the reference.
/// </summary>
public sealed class SeqRangesTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset s_t0 = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);
    private readonly JournalFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Query_RandomTimesAndWindows_EqualsTheScan(int journal)
    {
        var seed = Environment.TickCount ^ journal;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var times = WriteJournal(random, rows: 3000);
        if (journal == 3)
        {
            Exec("DELETE FROM journal_runs WHERE first_seq <= 1200;"); // rows 1..~1200 as a journal from before runs
        }

        using var c = _f.OpenReadOnly();
        var (min, max) = (times.Min(), times.Max());
        for (var i = 0; i < 300; i++)
        {
            var query = new JournalQuery
            {
                From = random.Next(8) == 0 ? null : Between(random, min.AddHours(-1), max.AddHours(1)),
                To = random.Next(8) == 0 ? null : Between(random, min.AddHours(-1), max.AddHours(1)),
                AfterSeq = random.Next(4) == 0 ? random.Next(3000) : 0,
                Limit = random.Next(4) == 0 ? random.Next(1, 200) : 0,
                Kind = random.Next(6) == 0 ? "perimeter" : null,
            };
            if (random.Next(3) == 0 && query.From is { } from)
            {
                query = query with { To = from.AddSeconds(random.Next(1, 120)) }; // a narrow window, near the slack
            }

            Assert.Equal(Scan(c, query), JournalReader.Query(c, query).Select(r => r.Seq).ToList());
        }
    }

    [Fact]
    public void For_ClockSteppedBackAnHour_RowsOfBothPassesFoundAndTheRestNotRead()
    {
        using (var writer = _f.Open(o => o.Sync = JournalSync.Group))
        {
            for (var i = 0; i < 2000; i++)
            {
                var at = i < 1000 ? s_t0.AddSeconds(i) : s_t0.AddSeconds(i - 1000 - 3600); // at 1000 the clock steps back an hour
                writer.OnEvent(_f.Drone(at), i, i % 100 == 99);
            }
        }

        using var c = _f.OpenReadOnly();
        var window = new JournalQuery { From = s_t0.AddSeconds(-3600 + 100), To = s_t0.AddSeconds(200) }; // both passes
        var ranges = SeqRanges.For(c, window.From, window.To);

        Assert.Equal(Scan(c, window), JournalReader.Query(c, window).Select(r => r.Seq).ToList());
        var read = ranges.Sum(r => Math.Min(r.To, 2000) - r.From + 1);
        Assert.True(read < 2000 * 0.7, $"{read} rows read of 2000 for {Scan(c, window).Count} in the window"); // not a scan
        Assert.Equal(2, RunsOf(c));
    }

    [Fact]
    public void For_TimesNotInTheWritersForm_EachAloneInItsRunAndTheQueryEqualsTheScan()
    {
        string[] ats = ["2026-12-06T08:00:00.000000Z", "2026-12-06T08:00:01.000000Z", "yesterday", "2026-12-06T08:00:02.000000Z",
            "2026-12-06T08:00:02", "2026-12-06T08:00:03.000000Z", "2026-12-06T07:00:00.000000Z", "2026-12-06T08:00:04.000000Z"];
        using (var connection = JournalDatabase.OpenForWriting(_f.Path, _f.Time, out _))
        using (var sql = new JournalCommands(connection))
        using (var chain = new ChainAppender(sql, connection))
        {
            foreach (var at in ats)
            {
                chain.Append(new RowFields(0, at, "note", "test", null, null, null, null, null, null), "{}"u8);
            }

            chain.Commit();
        }

        using var c = _f.OpenReadOnly();
        Assert.Equal([1L, 3, 4, 5, 6, 7], Runs(c)); // the malformed ones alone (3, 5), the rows after them (4, 6), the step back an hour (7)
        foreach (var (from, to) in new (int, int)[] { (0, 2), (1, 3), (-3600, 0), (-10, 10), (2, 5) })
        {
            var query = new JournalQuery { From = s_t0.AddSeconds(from), To = s_t0.AddSeconds(to) };
            Assert.Equal(Scan(c, query), JournalReader.Query(c, query).Select(r => r.Seq).ToList());
        }
    }

    /// <summary>Writes <paramref name="rows"/> events with times that go forward, jitter, step back and restart.</summary>
    private List<DateTimeOffset> WriteJournal(Random random, int rows)
    {
        var times = new List<DateTimeOffset>(rows);
        var clock = s_t0;
        var writer = _f.Open(o => o.Sync = JournalSync.Group); // no fsync per commit: the rows are what matters here
        try
        {
            for (var i = 0; i < rows; i++)
            {
                clock = clock.AddMilliseconds(random.Next(0, 4000));
                var at = random.Next(100) switch
                {
                    0 => clock.AddHours(-random.Next(1, 5)),                  // an old timestamp (a recording's end)
                    1 => clock = clock.AddMinutes(-random.Next(1, 90)),        // the clock steps back and stays there
                    < 20 => clock.AddMilliseconds(-random.Next(0, 20_000)),    // jitter, within and beyond the slack
                    _ => clock,
                };
                if (random.Next(500) == 0)
                {
                    writer.Dispose(); // a restart: the next row starts a run
                    writer = _f.Open(o => o.Sync = JournalSync.Group);
                }

                var e = random.Next(5) == 0 ? _f.Perimeter(at: at) : _f.Drone(at);
                writer.OnEvent(e, i, random.Next(3) == 0 || i == rows - 1);
                times.Add(at);
            }
        }
        finally
        {
            writer.Dispose();
        }

        return times;
    }

    private static DateTimeOffset Between(Random random, DateTimeOffset a, DateTimeOffset b) =>
        a.AddTicks((long)(random.NextDouble() * (b - a).Ticks));

    private static List<long> Scan(SqliteConnection c, JournalQuery q)
    {
        using var command = c.CreateCommand();
        command.CommandText = "SELECT seq FROM journal WHERE seq > $after AND ($from IS NULL OR at >= $from) AND ($to IS NULL OR at < $to)"
            + " AND ($kind IS NULL OR kind = $kind) ORDER BY seq" + (q.Limit > 0 ? $" LIMIT {q.Limit}" : string.Empty) + ";";
        command.Parameters.AddWithValue("$after", q.AfterSeq);
        command.Parameters.AddWithValue("$from", q.From is { } f ? JournalTime.ToText(f) : DBNull.Value);
        command.Parameters.AddWithValue("$to", q.To is { } t ? JournalTime.ToText(t) : DBNull.Value);
        command.Parameters.AddWithValue("$kind", (object?)q.Kind ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var seqs = new List<long>();
        while (reader.Read())
        {
            seqs.Add(reader.GetInt64(0));
        }

        return seqs;
    }

    private static List<long> Runs(SqliteConnection c)
    {
        using var command = c.CreateCommand();
        command.CommandText = "SELECT first_seq FROM journal_runs ORDER BY first_seq;";
        using var reader = command.ExecuteReader();
        var runs = new List<long>();
        while (reader.Read())
        {
            runs.Add(reader.GetInt64(0));
        }

        return runs;
    }

    private static int RunsOf(SqliteConnection c) => Runs(c).Count;

    private void Exec(string sql)
    {
        using var c = new SqliteConnection($"Data Source={_f.Path};Pooling=False");
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
