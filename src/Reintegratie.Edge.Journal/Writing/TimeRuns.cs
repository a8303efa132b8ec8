using Microsoft.Data.Sqlite;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Writing;

/// <summary>
/// Marks where the journal's times stop being (nearly) in seq order, so a time range can be found by bisection over seq
/// instead of an index on every row (<see cref="Reading.SeqRanges"/>). A run is a range of seqs in which every row's
/// time is at most <see cref="Slack"/> behind the latest time of the rows before it in the run; <c>journal_runs</c>
/// holds the first seq of each run. A new run starts at the first row after the writer opened (it does not know the
/// times before), at a row whose time is further behind (a clock stepped back, or a sensor's own old timestamp such as
/// a bodycam recording's end), at a row whose time text is not the writer's format (alone in its run), and after a
/// rolled-back transaction (the run rows roll back with the rows).
/// </summary>
/// <remarks>
/// Cost per row: the time text read back as ticks without allocating (<see cref="JournalTime.TryTicks"/>) and two
/// comparisons; a run row is written only when a run starts, in the transaction of its first row. Journal thread.
/// </remarks>
internal sealed class TimeRuns : IDisposable
{
    /// <summary>How far a row's time may fall behind the latest before it in its run (concurrent producers stamp times before they claim a ring slot).</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(10);

    private const long NoRun = long.MinValue; // the next row starts a run
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _seq;
    private long _peak = NoRun;

    public TimeRuns(SqliteConnection connection)
    {
        _insert = JournalCommands.Create(connection, "INSERT OR IGNORE INTO journal_runs (first_seq) VALUES ($seq);");
        _seq = JournalCommands.AddParameters(_insert, "$seq")[0];
    }

    /// <summary>Runs started by this writer.</summary>
    public long Started { get; private set; }

    /// <summary>A row was appended in the open transaction: starts a run at it when its time says so.</summary>
    public void Appended(long seq, string at)
    {
        if (!JournalTime.TryTicks(at, out var ticks))
        {
            Start(seq);
            _peak = NoRun; // alone in its run: the row after it starts the next
            return;
        }

        if (_peak == NoRun || ticks < _peak - Slack.Ticks)
        {
            Start(seq);
            _peak = ticks;
        }
        else if (ticks > _peak)
        {
            _peak = ticks;
        }
    }

    /// <summary>The open transaction rolled back (its run rows with it): the next row starts a run.</summary>
    public void RolledBack() => _peak = NoRun;

    /// <inheritdoc />
    public void Dispose() => _insert.Dispose();

    private void Start(long seq)
    {
        _seq.Value = seq;
        _insert.ExecuteNonQuery();
        Started++;
    }
}
