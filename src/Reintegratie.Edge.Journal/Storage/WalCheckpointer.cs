using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Reintegratie.Edge.Journal.Storage;

/// <summary>
/// Copies the journal's WAL into the database file (a checkpoint) on a connection of its own, off the journal thread:
/// the writer's connection runs with <c>wal_autocheckpoint=0</c>, so SQLite never checkpoints inside one of its commits.
/// </summary>
/// <remarks>
/// <para>Why: SQLite's automatic checkpoint (by default once the WAL holds 1000 pages) runs in the commit that passes
/// the mark, on the committing thread, and syncs twice (the WAL before it copies, the database after;
/// sqlite.org/pragma.html#pragma_synchronous). At 1k events/s that was one commit in about 600 on the journal thread
/// held for two fsyncs, and the events behind it waited: the p99.9 of the frame -> subscriber latency.</para>
/// <para>How: <c>PRAGMA wal_checkpoint(PASSIVE)</c>, which is <c>sqlite3_wal_checkpoint_v2</c> with
/// <c>SQLITE_CHECKPOINT_PASSIVE</c>: it "checkpoints as many frames as possible without waiting for any database
/// readers or writers to finish" (sqlite.org/c3ref/wal_checkpoint_v2.html), so it never blocks a commit. The WAL is
/// bounded because the writer's next transaction after a complete checkpoint writes the WAL again from its start (the
/// same file; <see cref="WalSync"/>'s descriptor stays valid), and <c>journal_size_limit</c> cuts the file back after a
/// burst; <see cref="Run"/> says how a tail left by commits during a checkpoint is caught up. RESTART (it holds the
/// writer out) only past 64 MiB, under a sustained overload; TRUNCATE is not used. A reader that holds an old snapshot for long (an <c>edgectl log</c> export) keeps a PASSIVE checkpoint from
/// completing, as it kept the automatic one; the next checkpoint after it finishes catches up.</para>
/// <para>Durability is unchanged: the checkpoint connection runs <c>synchronous=NORMAL</c>, so SQLite syncs the WAL
/// before it copies frames and the database before it records them as copied; the WAL is only rewritten after that.</para>
/// <para>One thread: the journal's sync thread, between syncs.</para>
/// </remarks>
internal sealed partial class WalCheckpointer : IDisposable
{
    private readonly string _path;
    private readonly ILogger _logger;
    private SqliteConnection? _connection;
    private SqliteCommand? _checkpoint;
    private SqliteCommand? _restart;
    private bool _failing;
    private long _runs;
    private long _restarts;

    /// <summary>PASSIVE passes per run at most: each copies what commits added during the one before.</summary>
    internal const int MaxPasses = 8;

    /// <summary>WAL frames (16,384 x 4 KiB: 64 MiB) past which a run that could not copy every frame ends with RESTART.</summary>
    internal const long RestartAboveFrames = 16_384;

    /// <summary>How long a RESTART checkpoint waits for the writer's transaction and for readers (busy_timeout).</summary>
    internal const int RestartBusyMs = 50;

    public WalCheckpointer(string journalPath, ILogger logger)
    {
        _path = journalPath;
        _logger = logger;
    }

    /// <summary>Checkpoints run (any thread).</summary>
    public long Runs => Interlocked.Read(ref _runs);

    /// <summary>Checkpoints that could not copy every frame (a reader held an older snapshot, or another checkpoint ran).</summary>
    public long Incomplete { get; private set; }

    /// <summary>Frames in the WAL at the last checkpoint, and how many of them were in the database afterwards.</summary>
    public (long Log, long Copied) Last { get; private set; }

    /// <summary>Checkpoints in RESTART mode, run only when PASSIVE ones could not keep the WAL under <see cref="RestartAboveFrames"/>.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>
    /// PASSIVE checkpoints until one copies every frame (at most <see cref="MaxPasses"/>), and a RESTART one when the WAL
    /// is still over <see cref="RestartAboveFrames"/>; never throws (a failure is logged once and retried at the next call).
    /// </summary>
    /// <remarks>
    /// The writer writes the WAL again from its start only when its transaction begins with every frame copied. A
    /// checkpoint copies the frames committed when it began; a commit during it (or a transaction open meanwhile) leaves
    /// a tail, and at a steady rate there nearly always is one, so checkpoints on this thread alone let the WAL grow for
    /// ever (measured: 583 MB after 1M rows). So the tail is copied again at once, a shorter pass each time, and then the
    /// journal thread copies what is left itself, between transactions and only when nothing waits behind it
    /// (<c>DurabilityGate.TakeTail</c>, <c>JournalCommands.CheckpointTail</c>): a few frames and the database file's
    /// sync, after its events passed the gate, instead of 1000 frames and two syncs inside a commit. Under a sustained
    /// overload the journal thread is never idle; past <see cref="RestartAboveFrames"/> a RESTART checkpoint holds the
    /// writer out while it copies the tail (a short stall, only then), and waits at most <see cref="RestartBusyMs"/>
    /// for readers, so a long <c>edgectl</c> read cannot hold the journal for longer.
    /// </remarks>
    public void Run()
    {
        try
        {
            _checkpoint ??= Prepare();
            var (busy, log, copied) = (0L, 0L, 0L);
            for (var pass = 0; pass < MaxPasses; pass++)
            {
                (busy, log, copied) = Checkpoint(_checkpoint);
                if (busy != 0 || copied >= log)
                {
                    break;
                }
            }

            if (copied < log && log > RestartAboveFrames)
            {
                _restart ??= JournalDatabase.Command(_connection!, "PRAGMA wal_checkpoint(RESTART);");
                (busy, log, copied) = Checkpoint(_restart);
                Interlocked.Increment(ref _restarts); // read by tests and benchmarks on other threads
            }

            Interlocked.Increment(ref _runs); // read by tests and benchmarks on other threads
            Last = (log, copied);
            if (busy != 0 || copied < log)
            {
                Incomplete++;
            }

            _failing = false;
        }
        catch (SqliteException ex)
        {
            if (!_failing)
            {
                _failing = true;
                LogCheckpointFailed(_logger, ex);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _restart?.Dispose();
        _checkpoint?.Dispose();
        _connection?.Dispose();
    }

    private SqliteCommand Prepare()
    {
        _connection = JournalDatabase.OpenShared(_path);
        JournalDatabase.Execute(_connection, $"PRAGMA busy_timeout={RestartBusyMs};"); // PASSIVE never waits; RESTART at most this
        return JournalDatabase.Command(_connection, "PRAGMA wal_checkpoint(PASSIVE);");
    }

    private static (long Busy, long Log, long Copied) Checkpoint(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    [LoggerMessage(EventId = 349, Level = LogLevel.Warning, Message = "Journal checkpoint (WAL into the database file) failed; the WAL grows until one succeeds")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception ex);
}
