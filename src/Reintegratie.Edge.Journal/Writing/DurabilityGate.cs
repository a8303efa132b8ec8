using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Time;
using Reintegratie.Edge.Journal.Outbox;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Writing;

/// <summary>
/// The sync point of the group commit. The writer reports each commit here; one sync (<see cref="WalSync"/>) makes
/// every commit so far durable, and only then does the gate let through what waited on it: the ring sequence the events
/// stage may publish up to (<see cref="WaitDurable"/>), the outbox rows the publisher may send (<see cref="CommitSignal"/>),
/// the operator commands that may be acknowledged, and the head that may be announced (<see cref="Head"/>).
/// </summary>
/// <remarks>
/// <para>With <see cref="JournalSync.Group"/> the sync is adaptive (<see cref="SyncInlineWhenIdle"/>). While events
/// pile up behind a commit, a thread of its own runs the sync: while one fsync is under way the journal thread keeps
/// committing, and the next fsync covers every commit made meanwhile, however many (natural batching: the slower the
/// disk, the more each sync covers). When nothing waits behind a commit and it is the only event since the last
/// durable point (a moderate rate: at 1k events/s each event is its own batch) the journal thread runs the fsync
/// itself, before it passes the event on: the events stage finds the event durable and never waits, and no sync
/// thread is woken. Each hand-off is a sleep and a wake-up of a thread, the dominant cost per event on the 2-core PVM
/// guest we measure on (docs/BENCHMARKS.md, 'What bounds the figures'). With <see cref="JournalSync.EachCommit"/>
/// SQLite synced the commit already (<c>synchronous=FULL</c>) and the gate opens at once, on the journal thread.</para>
/// <para>Checkpoints (<see cref="WalCheckpointer"/>) run on the sync thread too, between syncs: the journal thread
/// counts the WAL pages its commits add (<see cref="Committed"/>'s estimate) and, past
/// <see cref="CheckpointAfterPages"/>, wakes the sync thread for a PASSIVE checkpoint, which never blocks a commit and
/// never holds the sync lock, so the journal thread's inline syncs go on meanwhile.</para>
/// <para>Waits block at once, without spinning: a spin that yields to the OS (<see cref="ManualResetEventSlim"/>'s
/// default) showed as <c>sched_yield</c> in the sync and events threads' profiles at 1k events/s and never paid.</para>
/// <para>A failed sync opens nothing: it is logged, counted and retried with backoff, and <see cref="WaitDurable"/>
/// refuses what the failed sync should have covered until a sync succeeds. Threads: <see cref="Committed"/>,
/// <see cref="Handled"/>, <see cref="SetHolding"/> and <see cref="SyncNow"/> on the journal thread; <see cref="WaitDurable"/>
/// on one other thread (the events stage); the rest on any thread.</para>
/// </remarks>
internal sealed partial class DurabilityGate : IDisposable
{
    /// <summary>Most events one commit may cover since the last durable point for the journal thread to sync it itself.</summary>
    internal const int InlineMaxEvents = 2;

    /// <summary>WAL pages (estimated) added by commits before the sync thread checkpoints: SQLite's automatic default.</summary>
    internal const int CheckpointAfterPages = 1000;

    private static readonly TimeSpan s_recheck = TimeSpan.FromMilliseconds(200);
    private static readonly List<TaskCompletionSource> s_noCommands = []; // never added to: Requeue inserts it, Open reads it
    private readonly WalSync? _wal;
    private readonly WalCheckpointer? _checkpointer;
    private readonly CommitSignal _outbox;
    private readonly ILogger _logger;
    private readonly Lock _pendingLock = new();
    private readonly Lock _syncLock = new();
    private readonly ManualResetEventSlim _work = new(false, spinCount: 0);
    private readonly ManualResetEventSlim _advanced = new(false, spinCount: 0);
    private readonly CancellationTokenSource _closing = new();
    private readonly Backoff _retry = new(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2));
    private readonly Thread? _thread;

    // Committed, not yet durable (guarded by _pendingLock).
    private readonly List<TaskCompletionSource> _pendingCommands = [];
    private long _pendingRing = -1;
    private JournalHead? _pendingHead;
    private long _pendingOutboxId;
    private bool _pendingSync;
    private bool _inFlight;

    private long _committedRing = -1;
    private long _durableRing = -1;
    private JournalHead _head;
    private long _syncs;
    private long _syncFailures;
    private volatile bool _holding;
    private volatile bool _syncFailing;
    private volatile bool _closed;
    private Func<long>? _newestClaimed;
    private long _inlineSyncs;
    private long _walPages; // journal thread only
    private volatile bool _checkpointDue;
    private volatile bool _tailDue;

    /// <summary>
    /// Creates the gate; <paramref name="wal"/> null means every commit is synced by SQLite itself (and checkpointed by
    /// it). With a <paramref name="checkpointer"/> the sync thread checkpoints. A WAL a killed process left behind is
    /// copied by the first checkpoint with the frames after it, so the WAL stays bounded by its old size plus
    /// <see cref="CheckpointAfterPages"/>.
    /// </summary>
    public DurabilityGate(WalSync? wal, WalCheckpointer? checkpointer, CommitSignal outbox, JournalHead head, ILogger logger)
    {
        _wal = wal;
        _checkpointer = wal is null ? null : checkpointer;
        _outbox = outbox;
        _head = head;
        _logger = logger;
        if (wal is not null)
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "journal-sync" };
            _thread.Start();
        }
    }

    /// <summary>Raised once a commit is durable, with its head (on the sync thread, or the journal thread).</summary>
    public event Action<JournalHead>? Durable;

    /// <summary>Raised when a sync first fails (on the thread that ran it).</summary>
    public event Action? SyncFailed;

    /// <summary>Raised when a sync succeeds after failures (on the thread that ran it).</summary>
    public event Action? SyncRecovered;

    /// <summary>True from a failed sync until one succeeds.</summary>
    public bool IsSyncFailing => _syncFailing;

    /// <summary>The newest durable row (seq, hash); safe to read from any thread.</summary>
    public JournalHead Head => Volatile.Read(ref _head); // acquire: the record was fully built before it was published

    /// <summary>Ring sequence up to which every event's rows are durable.</summary>
    public long DurableSequence => Volatile.Read(ref _durableRing); // acquire: pairs with the release in OpenRing

    /// <summary>Syncs that succeeded (each covering one or more commits).</summary>
    public long Syncs => Interlocked.Read(ref _syncs);

    /// <summary>Syncs that failed (retried).</summary>
    public long SyncFailures => Interlocked.Read(ref _syncFailures);

    /// <summary>Syncs the journal thread ran itself because nothing waited behind the commit (part of <see cref="Syncs"/>).</summary>
    public long InlineSyncs => Interlocked.Read(ref _inlineSyncs);

    /// <summary>Checkpoints the sync thread ran (<see cref="WalCheckpointer"/>); any thread.</summary>
    public long Checkpoints => _checkpointer?.Runs ?? 0;

    /// <summary>
    /// Lets the journal thread sync a commit itself when nothing waits behind it: <paramref name="newestClaimed"/> is
    /// the ring's newest claimed sequence (its cursor); when it is no further than the committed sequence and no sync is
    /// under way or failing, <see cref="Committed"/> syncs on the calling thread. Without it every sync is handed to
    /// the sync thread. Call before the pipeline starts.
    /// </summary>
    public void SyncInlineWhenIdle(Func<long> newestClaimed) => _newestClaimed = newestClaimed;

    /// <summary>
    /// A commit succeeded: the rows of ring sequences up to <paramref name="ringSequence"/>, outbox rows up to
    /// <paramref name="outboxId"/> (0: none added) and the <paramref name="commands"/> written so far become durable
    /// with the next sync. <paramref name="walPages"/>: about how many pages the commit added to the WAL.
    /// </summary>
    public void Committed(long ringSequence, JournalHead head, long outboxId, CommandAcknowledgements? commands, int walPages)
    {
        Volatile.Write(ref _committedRing, ringSequence); // release: read by the events stage in WaitDurable
        if (_wal is null)
        {
            var point = new List<TaskCompletionSource>();
            commands?.MoveTo(point);
            Open(ringSequence, head, outboxId, point); // synchronous=FULL synced it already
            return;
        }

        lock (_pendingLock)
        {
            _pendingRing = ringSequence;
            _pendingHead = head;
            if (outboxId > 0)
            {
                _pendingOutboxId = outboxId;
            }

            commands?.MoveTo(_pendingCommands);
            _pendingSync = true;
        }

        _walPages += walPages;
        if (_walPages >= CheckpointAfterPages && _checkpointer is not null)
        {
            CheckpointSoon();
        }

        if (IsIdleAfter(ringSequence) && _syncLock.TryEnter())
        {
            try
            {
                if (SyncPendingLocked()) // with _syncLock held no other sync is under way
                {
                    Interlocked.Increment(ref _inlineSyncs); // read by benchmarks on other threads
                    return;
                }
            }
            finally
            {
                _syncLock.Exit();
            }
        }

        _work.Set(); // busy, or the inline sync failed: the sync thread syncs (and retries with backoff)
    }

    /// <summary>The journal handled ring sequences up to <paramref name="ringSequence"/> and wrote nothing for them.</summary>
    public void Handled(long ringSequence)
    {
        Volatile.Write(ref _committedRing, ringSequence); // release: as in Committed
        lock (_pendingLock)
        {
            _pendingRing = ringSequence;
            if (_pendingSync || _inFlight)
            {
                return; // the sync under way, or the next one, opens it
            }
        }

        OpenRing(ringSequence);
    }

    /// <summary>
    /// Asks the sync thread for a checkpoint after its next sync (the writer after a commit that rewrote many pages, such
    /// as retention's purge). Journal thread.
    /// </summary>
    public void CheckpointSoon()
    {
        if (_checkpointer is null)
        {
            return;
        }

        _walPages = 0;
        _checkpointDue = true;
        _work.Set(); // a checkpoint already asked for and not yet run is asked for once more: harmless
    }

    /// <summary>
    /// True once after each checkpoint of the sync thread, when the journal thread is idle (nothing claimed in the ring
    /// behind what it committed, or no ring): then the journal thread, between transactions, checkpoints the few frames
    /// committed while that checkpoint ran (<see cref="WalCheckpointer"/>, remarks). Journal thread.
    /// </summary>
    public bool TakeTail()
    {
        if (!_tailDue || (_newestClaimed is { } newest && newest() > Volatile.Read(ref _committedRing)))
        {
            return false;
        }

        _tailDue = false;
        return true;
    }

    /// <summary>While rows are held in memory (a failed commit), events not yet committed do not pass.</summary>
    public void SetHolding(bool holding)
    {
        if (_holding != holding)
        {
            _holding = holding;
            _advanced.Set();
        }
    }

    /// <summary>
    /// Waits until the rows of ring sequence <paramref name="ringSequence"/> are durable. False when they may never be:
    /// the journal holds rows it could not commit, a sync failed, or the journal is closing. One waiting thread.
    /// </summary>
    public bool WaitDurable(long ringSequence)
    {
        if (DurableSequence >= ringSequence)
        {
            return true; // the common case once a sync has covered it: no reset, no wait
        }

        while (!_closed)
        {
            _advanced.Reset(); // before the check: an advance after it sets the event again
            if (DurableSequence >= ringSequence)
            {
                return true;
            }

            if (_closed || _syncFailing || (_holding && ringSequence > Volatile.Read(ref _committedRing)))
            {
                return false;
            }

            _advanced.Wait(s_recheck);
        }

        return false;
    }

    /// <summary>Makes everything committed durable now, on the calling thread (shutdown, tools, tests); one attempt.</summary>
    public void SyncNow()
    {
        if (_wal is not null)
        {
            SyncPending();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _closing.Cancel();
        _work.Set();
        _thread?.Join();
        SyncNow(); // the last commits, after the sync thread is gone
        _advanced.Set();
        _checkpointer?.Dispose();
        _wal?.Dispose();
        _work.Dispose();
        _advanced.Dispose();
        _closing.Dispose();
    }

    private void Run()
    {
        while (!_closed)
        {
            _work.Wait();
            _work.Reset(); // before taking the pending point: a commit after this sets it again
            if (!SyncPending())
            {
                _closing.Token.WaitHandle.WaitOne(_retry.Next()); // the point is pending again; retry after the backoff
                _work.Set();
            }
            else if (_checkpointDue && !_closed)
            {
                _checkpointDue = false; // before the run: a request during it asks for the next one
                _checkpointer!.Run(); // outside the sync lock: the journal thread's inline syncs go on meanwhile
                _tailDue = true; // the commits made meanwhile: the journal thread copies them when it is idle (TakeTail)
            }
        }
    }

    /// <summary>
    /// True when nothing waits behind the commit of <paramref name="ringSequence"/>, it covers at most
    /// <see cref="InlineMaxEvents"/> events since the last durable point, and syncs are not failing. A commit that covers
    /// more means events piled up while the last fsync (or the commit) ran: the disk or the CPU is slow right now, and
    /// the sync thread lets the journal thread commit the next events while the fsync is under way.
    /// </summary>
    private bool IsIdleAfter(long ringSequence) =>
        _newestClaimed is { } newest && !_syncFailing && !_closed
        && ringSequence - DurableSequence <= InlineMaxEvents && newest() <= ringSequence;

    /// <summary>One sync for everything pending, then the gate opens for it. False when the sync failed (left pending).</summary>
    private bool SyncPending()
    {
        lock (_syncLock)
        {
            return SyncPendingLocked();
        }
    }

    /// <summary>As <see cref="SyncPending"/>, with <c>_syncLock</c> held by the caller.</summary>
    private bool SyncPendingLocked()
    {
        long ring;
        JournalHead? head;
        long outboxId;
        List<TaskCompletionSource> commands;
        lock (_pendingLock)
        {
            if (!_pendingSync)
            {
                return true;
            }

            (ring, head, outboxId) = (_pendingRing, _pendingHead, _pendingOutboxId);
            commands = _pendingCommands.Count == 0 ? s_noCommands : [.. _pendingCommands]; // no list per sync without commands
            _pendingCommands.Clear();
            _pendingOutboxId = 0;
            _pendingSync = false;
            _inFlight = true;
        }

        if (!TrySync())
        {
            Requeue(ring, head, outboxId, commands);
            return false;
        }

        _retry.Reset();
        Open(ring, head!, outboxId, commands);
        long handled;
        lock (_pendingLock)
        {
            _inFlight = false;
            handled = _pendingSync ? -1 : _pendingRing; // handled after the sync began, with nothing to sync
        }

        if (handled > ring)
        {
            OpenRing(handled);
        }

        return true;
    }

    private bool TrySync()
    {
        try
        {
            _wal!.Sync();
            Interlocked.Increment(ref _syncs); // read by benchmarks and health on other threads
            if (_syncFailing)
            {
                _syncFailing = false;
                LogSyncRecovered(_logger);
                SyncRecovered?.Invoke();
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Interlocked.Increment(ref _syncFailures); // read by health on other threads
            if (!_syncFailing)
            {
                _syncFailing = true;
                _advanced.Set(); // the events stage stops waiting: nothing passes while syncs fail
                LogSyncFailed(_logger, ex);
                SyncFailed?.Invoke();
            }

            return false;
        }
    }

    /// <summary>A sync that could not run: its point goes back in front of whatever was committed since.</summary>
    private void Requeue(long ring, JournalHead? head, long outboxId, List<TaskCompletionSource> commands)
    {
        lock (_pendingLock)
        {
            _inFlight = false;
            _pendingCommands.InsertRange(0, commands);
            _pendingOutboxId = Math.Max(_pendingOutboxId, outboxId);
            if (!_pendingSync)
            {
                (_pendingRing, _pendingHead) = (Math.Max(_pendingRing, ring), head);
            }

            _pendingSync = true;
        }
    }

    /// <summary>Everything up to this point is durable: let it through.</summary>
    private void Open(long ring, JournalHead head, long outboxId, List<TaskCompletionSource> commands)
    {
        Volatile.Write(ref _head, head); // release: readers on other threads see a fully built head
        if (outboxId > 0)
        {
            _outbox.Signal(outboxId);
        }

        foreach (var journaled in commands)
        {
            journaled.TrySetResult(); // the transport's continuations run elsewhere (RunContinuationsAsynchronously)
        }

        OpenRing(ring);
        Durable?.Invoke(head);
    }

    private void OpenRing(long ring)
    {
        if (ring > Volatile.Read(ref _durableRing))
        {
            Volatile.Write(ref _durableRing, ring); // release: the events stage reads it, then publishes
            _advanced.Set();
        }
    }

    [LoggerMessage(EventId = 347, Level = LogLevel.Critical, Message = "Journal sync (fsync of the WAL) failed; nothing committed since the last sync is published or acknowledged until a sync succeeds")]
    private static partial void LogSyncFailed(ILogger logger, Exception ex);

    [LoggerMessage(EventId = 348, Level = LogLevel.Warning, Message = "Journal sync succeeded again; the gate is open")]
    private static partial void LogSyncRecovered(ILogger logger);
}
