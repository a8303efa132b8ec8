using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Pipeline;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Core.Topics;
using Reintegratie.Edge.Journal.Outbox;
using Reintegratie.Edge.Journal.Retention;
using Reintegratie.Edge.Journal.Storage;
using Reintegratie.Edge.Core.Diagnostics;

namespace Reintegratie.Edge.Journal.Writing;

/// <summary>
/// The journal stage (gated after fusion) and fusion's <see cref="IAlertSink"/>. Fusion's changes and notes are queued
/// tagged with their cause; when this stage handles the cause event it writes the event row and then the rows it
/// caused (alert revision + outbox rows, notes) in the same transaction. One transaction per batch, WAL, every row
/// hash-chained. With <see cref="JournalSync.Group"/> (the default) commits do not sync: one fsync of the WAL, off the
/// journal thread, makes every commit so far durable, and nothing is published, acknowledged or announced before it
/// (<see cref="DurabilityGate"/>).
/// </summary>
/// <remarks>
/// <para>The stage composes the parts that do the work: <see cref="ChainAppender"/> (rows and the hash chain),
/// <see cref="AlertRevisionWriter"/> (alert revisions, notes, the active set), <see cref="OutboxWriter"/> (outbox rows,
/// bounds), <see cref="RetentionJob"/>, <see cref="FaultHold"/> (a failed batch held and retried),
/// <see cref="CommandAcknowledgements"/> and <see cref="DurabilityGate"/> (the sync point).</para>
/// <para><see cref="OnEvent"/>, <see cref="OnShutdown"/>, <see cref="RunRetention"/> and <see cref="Dispose"/> run on the
/// journal stage thread (or before the pipeline starts); <see cref="OnAlertChange"/> and <see cref="OnNote"/> on the
/// fusion thread; <see cref="Head"/>, the counters and <see cref="OpenOutbox"/> on any thread.</para>
/// </remarks>
public sealed partial class JournalWriter : IStageHandler<SensorEvent>, IAlertSink, IDisposable
{
    /// <summary>Most rows held in memory while the journal cannot commit.</summary>
    public const int MaxHeld = 100_000;

    /// <summary>Topic of lifecycle messages, relative to the gateway root.</summary>
    public const string AlertsTopic = GatewayTopics.Alerts;

    /// <summary>Topic of the retained active-alert set, relative to the gateway root.</summary>
    public const string ActiveAlertsTopic = GatewayTopics.AlertsActive;

    private readonly JournalOptions _options;
    private readonly SiteModel _site;
    private readonly TimeProvider _time;
    private readonly SqliteConnection _connection;
    private readonly JournalCommands _sql;
    private readonly ChainAppender _chain;
    private readonly PayloadBuffer _payload = new();
    private readonly OutboxWriter _outbox;
    private readonly AlertRevisionWriter _alerts;
    private readonly FusionOutputQueue _fusion = new();
    private readonly RetentionJob _retention;
    private readonly FaultHold _hold;
    private readonly CommandAcknowledgements _commands = new();
    private readonly DurabilityGate _gate;
    private long _ring = -1;
    private long _reportedRing = -1;
    private DateTimeOffset _nextRetention;
    private DateTimeOffset _nextAgeCheck;
    private bool _disposed;

    private JournalWriter(JournalOptions options, SiteModel site, TimeProvider time, ILogger logger, SqliteConnection connection, JournalRecovery? recovery, WalSync? wal)
    {
        _options = options;
        _site = site;
        _time = time;
        _connection = connection;
        Recovery = recovery;
        _sql = new JournalCommands(connection);
        _chain = new ChainAppender(_sql, connection);
        if (options.Sync == JournalSync.Group)
        {
            wal ??= new WalSync(options.Path);
            wal.Sync(); // rows a killed process left committed but unsynced become durable before any is published
            StartTrace.Mark("journal: WAL synced");
        }

        _outbox = new OutboxWriter(connection, options.Outbox, time, logger);
        _hold = new FaultHold(options.Path, options.ReserveBytes, logger);
        StartTrace.Mark("journal: outbox writer, disk-full reserve");
        _gate = new DurabilityGate(wal, wal is null ? null : new WalCheckpointer(options.Path, logger), _outbox.Signal, _chain.Head, logger);
        _gate.Durable += head => Committed?.Invoke(head);
        _gate.SyncFailed += () => Faulted?.Invoke("journal_sync_failed");
        _gate.SyncRecovered += () =>
        {
            if (!_hold.IsDegraded)
            {
                Recovered?.Invoke();
            }
        };
        _alerts = new AlertRevisionWriter(_chain, _outbox, _payload);
        _alerts.Reload(_sql);
        _retention = new RetentionJob(connection, options.Retention, logger);
        var now = time.GetUtcNow();
        _nextRetention = now.AddMinutes(1);
        _nextAgeCheck = now.AddMinutes(1);
        NextEventId = _sql.LastEventId() + 1;
        StartTrace.Mark("journal: alert heads reloaded, chain tail read");
    }

    /// <summary>Opens (or creates) the journal; a corrupt file is moved aside and reported in <see cref="Recovery"/>.</summary>
    /// <exception cref="ConfigurationException">The options are invalid.</exception>
    public static JournalWriter Open(JournalOptions options, SiteModel site, TimeProvider time, ILogger? logger = null) =>
        Open(options, site, time, logger, null);

    /// <summary>As the public <see cref="Open(JournalOptions, SiteModel, TimeProvider, ILogger?)"/>, with the sync step given (tests fake the fsync, the storage edge).</summary>
    internal static JournalWriter Open(JournalOptions options, SiteModel site, TimeProvider time, ILogger? logger, WalSync? wal)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        logger ??= NullLogger.Instance;
        var connection = JournalDatabase.OpenForWriting(options.Path, time, options.Sync, out var recovery);
        if (recovery is not null)
        {
            LogRecovered(logger, options.Path, recovery.MovedTo, recovery.Reason);
        }

        return new JournalWriter(options, site, time, logger, connection, recovery, options.Sync == JournalSync.Group ? wal : null);
    }

    /// <summary>Raised on the journal thread after a commit that shed outbox rows, with the number shed.</summary>
    public event Action<long>? OutboxShedding;

    /// <summary>Raised once each commit is durable, with its head (on the journal thread, or the sync thread with <see cref="JournalSync.Group"/>).</summary>
    public event Action<JournalHead>? Committed;

    /// <summary>
    /// Raised when a batch first fails to commit, with the reason (<c>journal_disk_full</c> or <c>journal_write_failed</c>),
    /// on the journal thread; or when a sync first fails (<c>journal_sync_failed</c>), on the thread that ran it.
    /// </summary>
    public event Action<string>? Faulted;

    /// <summary>
    /// Raised when the journal works again: the held rows are committed and the reserve is back in place (journal thread),
    /// or a sync succeeds after failures (the thread that ran it); each only when the other trouble is not present.
    /// </summary>
    public event Action? Recovered;

    /// <summary>Set when the journal was corrupt at open: where it went and why. The gateway raises a technical alert.</summary>
    public JournalRecovery? Recovery { get; }

    /// <summary>The first event id the pipeline should use (max journaled event id + 1), so ids stay unique across restarts.</summary>
    public long NextEventId { get; }

    /// <summary>The newest durable row (seq, hash); safe to read from any thread.</summary>
    public JournalHead Head => _gate.Head;

    /// <summary>Syncs that made commits durable (with <see cref="JournalSync.Group"/>; each covers one or more commits).</summary>
    public long Syncs => _gate.Syncs;

    /// <summary>Syncs the journal thread ran itself because nothing waited behind the commit (part of <see cref="Syncs"/>).</summary>
    public long InlineSyncs => _gate.InlineSyncs;

    /// <summary>Checkpoints of the WAL into the database file, run by the sync thread (with <see cref="JournalSync.Group"/>).</summary>
    public long Checkpoints => _gate.Checkpoints;

    /// <summary>Syncs that failed and were retried; non-zero means journal trouble.</summary>
    public long SyncFailures => _gate.SyncFailures;

    /// <summary>Outbox rows shed by the bounds so far (the gateway turns a rise into a technical alert).</summary>
    public long OutboxShed => _outbox.Shed;

    /// <summary>Batches that failed to commit (rolled back, their rows held and retried); non-zero means journal trouble.</summary>
    public long FailedBatches => _hold.FailedBatches;

    /// <summary>True from a failed commit until space (the reserve) is back; safe to read from any thread.</summary>
    public bool IsDegraded => _hold.IsDegraded;

    /// <summary>Rows held in memory waiting for a commit to succeed; safe to read from any thread.</summary>
    public int HeldRows => _hold.HeldRows;

    /// <summary>Drone-detection and telemetry events not journaled while degraded.</summary>
    public long EventsNotJournaled => _hold.EventsNotJournaled;

    /// <summary>Rows dropped because <see cref="MaxHeld"/> rows were already held.</summary>
    public long HeldDropped => _hold.HeldDropped;

    /// <summary>The database file.</summary>
    public string Path => _options.Path;

    /// <summary>An outbox reader on its own connection that reads durable rows only, woken when outbox rows become durable.</summary>
    public OutboxStore OpenOutbox() => new(_options.Path, _outbox.Signal, _time);

    /// <summary>
    /// Wraps the stage that runs after this one (the MQTT events stage) so that it sees an event only once the
    /// journal's rows for it are durable.
    /// </summary>
    public DurableStage AfterDurable(IStageHandler<SensorEvent> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return new DurableStage(_gate, next);
    }

    /// <summary>
    /// With <see cref="JournalSync.Group"/>: the journal thread syncs a commit itself when nothing waits behind it
    /// (<paramref name="newestClaimed"/>, the ring's cursor, is no further than the committed event), so a moderate rate
    /// pays no hand-off to the sync thread; while events pile up the sync thread syncs, as before
    /// (<see cref="DurabilityGate"/>). Call before the pipeline starts.
    /// </summary>
    public void SyncInlineWhenIdle(Func<long> newestClaimed)
    {
        ArgumentNullException.ThrowIfNull(newestClaimed);
        _gate.SyncInlineWhenIdle(newestClaimed);
    }

    /// <summary>The active alerts (latest revision of every alert not ended), for fusion to restore at start.</summary>
    public IReadOnlyList<AlertSnapshot> LoadActiveAlerts() => _alerts.Active();

    /// <summary>
    /// Journals the start of a run (<see cref="StartMarker"/>, a <c>note</c> row of kind <c>start</c>) and makes it
    /// durable. Call once, after fusion restored its alerts and before the pipeline starts, so the marker precedes every
    /// row of the run. A marker that cannot be committed is held and retried like any row. Returns its seq (0 if held).
    /// </summary>
    public long WriteStart(StartMarker marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        var fields = new RowFields(0, JournalTime.ToText(_time.GetUtcNow()), JournalRowTypes.Note, StartMarker.Kind, null, null, null, null, null, null);
        var payload = marker.ToUtf8();
        try
        {
            _chain.Begin();
            _hold.RememberEventRow(fields, payload); // a failed commit holds it with the rows after it, in order
            var seq = _chain.Append(fields, payload);
            Commit();
            _gate.SyncNow();
            return seq;
        }
        catch (SqliteException ex)
        {
            Fail(ex);
            return 0;
        }
    }

    /// <inheritdoc />
    public void OnAlertChange(AlertChange change, long causeEventId)
    {
        ArgumentNullException.ThrowIfNull(change);
        _fusion.Add(change, causeEventId);
    }

    /// <inheritdoc />
    public void OnNote(JournalNote note, long causeEventId)
    {
        ArgumentNullException.ThrowIfNull(note);
        _fusion.Add(note, causeEventId);
    }

    /// <inheritdoc />
    public void OnEvent(SensorEvent data, long sequence, bool endOfBatch)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            RetryIfDue();
        }
        catch (SqliteException ex)
        {
            Fail(ex);
        }

        _ring = sequence;
        try
        {
            if (_hold.ShouldJournal(data.Kind))
            {
                WriteEvent(data);
            }

            if (data.Kind != EventKind.None)
            {
                WriteCausedBy(data.EventId, data.At);
            }

            if (_chain.RowsInTransaction >= _options.MaxBatch || (endOfBatch && _chain.InTransaction))
            {
                Commit();
            }

            if (endOfBatch && !_hold.IsDegraded)
            {
                Housekeeping(); // not while degraded: shedding and retention need room to commit too
            }

            if (endOfBatch && !_chain.InTransaction && _gate.TakeTail())
            {
                _sql.CheckpointTail(); // a few frames, after the event passed the gate and with nothing waiting behind it
            }

            if (endOfBatch && !_hold.Holding && !_chain.InTransaction && _reportedRing < sequence)
            {
                _reportedRing = sequence;
                _gate.Handled(sequence); // nothing written for the rest of the batch (ticks): nothing more to sync
            }
        }
        catch (SqliteException ex)
        {
            Fail(ex);
            HoldCausedBy(data.EventId, data.At);
        }
    }

    /// <inheritdoc />
    public void OnShutdown()
    {
        try
        {
            while (_fusion.TryTake(out var item))
            {
                WriteOrHold(item, null);
            }

            if (_chain.InTransaction)
            {
                Commit();
            }
        }
        catch (SqliteException ex)
        {
            Fail(ex);
        }

        CommitHeldAtShutdown();
        _gate.SyncNow();
    }

    /// <summary>
    /// Commits the open transaction, if any, and makes everything committed durable on the calling thread (tests and
    /// tools that call <see cref="OnEvent"/> directly; the stage itself leaves the sync to the sync thread).
    /// </summary>
    public void Flush()
    {
        if (_chain.InTransaction)
        {
            Commit();
        }

        _gate.SyncNow();
    }

    /// <summary>
    /// Applies retention now (<see cref="RetentionJob"/>): the payloads of expired event rows are dropped through a
    /// checkpoint row. Runs on the journal thread (the stage calls it every <see cref="JournalOptions.RetentionCheckMinutes"/>).
    /// Returns rows purged.
    /// </summary>
    public int RunRetention()
    {
        if (_options.Retention.Count == 0)
        {
            return 0;
        }

        Flush();
        var now = _time.GetUtcNow();
        if (_retention.Plan(now) is not { } plan)
        {
            return 0;
        }

        try
        {
            _chain.Begin();
            _retention.Purge(plan);
            _chain.Append(new RowFields(0, JournalTime.ToText(now), JournalRowTypes.Checkpoint, "retention", null, null, null, null, null, null), plan.Checkpoint);
            Commit();
        }
        catch (SqliteException ex)
        {
            Fail(ex);
            return 0;
        }

        _retention.Completed(plan);
        _gate.CheckpointSoon(); // the purge rewrote a page for every few purged rows
        return plan.Seqs.Count;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        OnShutdown();
        _gate.Dispose();
        _sql.Dispose();
        _outbox.Dispose();
        _payload.Dispose();
        _chain.Dispose();
        _connection.Dispose();
    }

    private void WriteEvent(SensorEvent e)
    {
        var payload = _payload.Event(e);
        var type = e.Kind == EventKind.Command ? JournalRowTypes.Command : JournalRowTypes.Event;
        if (e.Attachment is OperatorCommand { Journaled: { } journaled })
        {
            _commands.Add(journaled);
        }

        var fields = new RowFields(0, JournalTime.ToText(e.At), type, e.Kind.ToCode(), _site.ZoneId(e.ZoneIndex),
            _site.SensorId(e.SensorIndex), e.EventId, null, null, null);
        if (_hold.Holding)
        {
            _hold.HoldEventRow(fields, payload);
            return;
        }

        _hold.RememberEventRow(fields, payload); // first: a row whose insert fails is held with the rest of its batch
        _chain.Append(fields, payload);
    }

    private void WriteCausedBy(long eventId, DateTimeOffset at)
    {
        while (_fusion.TryTakeCausedBy(eventId, out var item))
        {
            WriteOrHold(item, at);
        }
    }

    /// <summary>Writes a fusion output, or queues it behind the held rows while a retry is pending.</summary>
    private void WriteOrHold(PendingItem item, DateTimeOffset? at)
    {
        if (_hold.Holding)
        {
            _hold.HoldOutput(item, at);
            return;
        }

        _hold.RememberOutput(item, at);
        _alerts.Write(item, at);
    }

    /// <summary>After a failure inside an event: its caused rows queue behind it rather than behind the next event.</summary>
    private void HoldCausedBy(long eventId, DateTimeOffset at)
    {
        while (_hold.Holding && _fusion.TryTakeCausedBy(eventId, out var item))
        {
            _hold.HoldOutput(item, at);
        }
    }

    /// <summary>Commits without a sync (group) and hands the commit to the gate, which opens once it is durable.</summary>
    private void Commit()
    {
        Shed(_outbox.ShedOverCount);
        var walPages = _chain.WalPagesInTransaction;
        var head = _chain.Commit();
        _hold.Committed();
        if (!_hold.Holding)
        {
            _reportedRing = Math.Max(_reportedRing, _ring); // held rows hold back the events after them
        }

        _gate.Committed(_reportedRing, head, _outbox.Committed(), _hold.Holding ? null : _commands, walPages);
    }

    /// <summary>Runs an outbox bound inside the open transaction, or in one of its own.</summary>
    private void Shed(Func<long> shed)
    {
        var began = !_chain.InTransaction;
        if (began)
        {
            _chain.Begin();
        }

        var n = shed();
        if (began)
        {
            _chain.Commit();
        }

        if (n > 0)
        {
            OutboxShedding?.Invoke(n);
        }
    }

    private void Fail(SqliteException ex)
    {
        var (from, to) = (_chain.Seq - _chain.RowsInTransaction + 1, _chain.Seq);
        _chain.Rollback();
        _outbox.RolledBack();
        _alerts.Reload(_sql);
        var reason = _hold.Failed(ex, from, to, _time.GetUtcNow());
        _gate.SetHolding(_hold.Holding);
        if (reason is not null)
        {
            Faulted?.Invoke(reason);
        }
    }

    /// <summary>Before each event: retries the held rows when due, then checks whether space has returned.</summary>
    private void RetryIfDue()
    {
        var now = _time.GetUtcNow();
        if (_hold.RetryDue(now))
        {
            var held = _hold.TakeHeld();
            for (var i = 0; i < held.Length; i++)
            {
                try
                {
                    Replay(held[i]);
                }
                catch (SqliteException)
                {
                    _hold.PutBack(held.AsSpan(i + 1)); // not replayed yet: Fail holds them after the replayed ones
                    throw;
                }
            }

            Commit(); // a failure lands in Fail, which holds the replayed rows again
            _gate.SetHolding(false);
            _hold.RetrySucceeded(held.Length);
        }

        if (_hold.TryRecover(now) && !_gate.IsSyncFailing)
        {
            Recovered?.Invoke();
        }
    }

    private void Replay(BatchEntry entry)
    {
        if (entry.IsEventRow)
        {
            _hold.RememberEventRow(entry.Fields, entry.Payload);
            _chain.Append(entry.Fields, entry.Payload);
        }
        else
        {
            _hold.RememberOutput(entry.Item, entry.At);
            _alerts.Write(entry.Item, entry.At);
        }
    }

    /// <summary>At shutdown: one last attempt for the held rows (whatever the backoff says); what still fails is logged as lost.</summary>
    private void CommitHeldAtShutdown()
    {
        if (!_hold.Holding)
        {
            return;
        }

        _hold.RetryNow();
        try
        {
            RetryIfDue();
        }
        catch (SqliteException ex)
        {
            Fail(ex);
        }

        _hold.ReportLostAtShutdown();
    }

    private void Housekeeping()
    {
        var now = _time.GetUtcNow();
        if (now >= _nextAgeCheck)
        {
            _nextAgeCheck = now.AddMinutes(1);
            Shed(() => _outbox.ShedAged(now));
        }

        if (now >= _nextRetention && _options.Retention.Count > 0)
        {
            _nextRetention = now.AddMinutes(_options.RetentionCheckMinutes);
            RunRetention();
        }
    }

    [LoggerMessage(EventId = 340, Level = LogLevel.Critical, Message = "Journal {Path} was corrupt at open ({Reason}); moved to {MovedTo}, a new journal was started")]
    private static partial void LogRecovered(ILogger logger, string path, string movedTo, string reason);
}
