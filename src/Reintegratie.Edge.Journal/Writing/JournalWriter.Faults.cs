using System.Buffers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Time;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Writing;

/// <summary>
/// The failure path: a batch that fails to commit (disk full, I/O error) is not dropped. Its rows are held in memory
/// (bounded) and committed again with exponential backoff until a commit succeeds.
/// </summary>
/// <remarks>
/// <para>On the first failure the writer becomes <em>degraded</em>: it releases the reserve file (so the held batch and
/// the gateway's fault alert fit), raises <see cref="Faulted"/>, and until it recovers journals only what matters to
/// security staff: alert revisions, notes and every event row except drone detections and telemetry, the high-rate
/// streams (those are counted in <see cref="EventsNotJournaled"/>; the alerts they cause are journaled, their
/// <c>event_id</c> naming an event that has no row). While a retry is pending nothing is written; new alert revisions,
/// notes and event rows queue behind the held ones, in order.</para>
/// <para>Recovery: once nothing is held, the writer checks every 2 s for room for the reserve and as much again, and
/// re-creates the reserve; when that succeeds there is room again, and it raises <see cref="Recovered"/> and journals everything as before. Beyond
/// <see cref="MaxHeld"/> held rows, further rows are dropped and counted in <see cref="HeldDropped"/>.</para>
/// </remarks>
public sealed partial class JournalWriter
{
    /// <summary>Most rows held in memory while the journal cannot commit.</summary>
    public const int MaxHeld = 100_000;

    private static readonly TimeSpan s_reserveCheck = TimeSpan.FromSeconds(2);
    private readonly List<BatchEntry> _uncommitted = new(256);
    private readonly ArrayBufferWriter<byte> _uncommittedBytes = new(64 * 1024);
    private readonly List<BatchEntry> _held = [];

    // Operator commands written since the last commit that left nothing held: completed once they are durable.
    private readonly List<TaskCompletionSource> _commandsAwaitingCommit = [];
    private readonly Backoff _retry = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
    private JournalReserve? _reserve;
    private DateTimeOffset _retryAt;
    private DateTimeOffset _reserveCheckAt;
    private long _eventsNotJournaled;
    private long _heldDropped;
    private int _heldCount;
    private volatile bool _degraded;

    /// <summary>Raised on the journal thread when a batch first fails to commit, with the reason (<c>journal_disk_full</c> or <c>journal_write_failed</c>).</summary>
    public event Action<string>? Faulted;

    /// <summary>Raised on the journal thread when the held rows are committed and the reserve is back in place.</summary>
    public event Action? Recovered;

    /// <summary>True from a failed commit until space (the reserve) is back; safe to read from any thread.</summary>
    public bool IsDegraded => _degraded;

    /// <summary>Rows held in memory waiting for a commit to succeed; safe to read from any thread.</summary>
    public int HeldRows => Volatile.Read(ref _heldCount);

    /// <summary>Drone-detection and telemetry events not journaled while degraded.</summary>
    public long EventsNotJournaled => Interlocked.Read(ref _eventsNotJournaled);

    /// <summary>Rows dropped because <see cref="MaxHeld"/> rows were already held.</summary>
    public long HeldDropped => Interlocked.Read(ref _heldDropped);

    private bool Holding => _held.Count > 0;

    /// <summary>Called once by the constructor: puts the reserve in place (a failure is logged, not fatal).</summary>
    private void OpenReserve()
    {
        _reserve = new JournalReserve(_options.Path, _options.ReserveBytes);
        if (_reserve.Enabled && !_reserve.TryCreate())
        {
            LogNoReserve(_logger, _options.Path, _options.ReserveBytes);
        }
    }

    /// <summary>Whether this event's row is journaled now (false: degraded and a high-rate kind; counted).</summary>
    private bool ShouldWriteEvent(EventKind kind)
    {
        if (!kind.IsJournaled())
        {
            return false;
        }

        if (_degraded && kind is EventKind.DroneDetection or EventKind.Telemetry)
        {
            Interlocked.Increment(ref _eventsNotJournaled); // read by health reporting on another thread
            return false;
        }

        return true;
    }

    /// <summary>Records an event row of the open batch so it can be held if the commit fails.</summary>
    private void RememberEventRow(in RowFields fields, ReadOnlySpan<byte> payload)
    {
        var offset = _uncommittedBytes.WrittenCount;
        payload.CopyTo(_uncommittedBytes.GetSpan(payload.Length));
        _uncommittedBytes.Advance(payload.Length);
        _uncommitted.Add(new BatchEntry(default, null, fields, offset, payload.Length, null));
    }

    /// <summary>Writes a fusion output, or queues it behind the held rows while a retry is pending.</summary>
    private void WriteOrHold(PendingItem item, DateTimeOffset? at)
    {
        var entry = new BatchEntry(item, at, default, 0, 0, null);
        if (Holding)
        {
            Hold(entry);
            return;
        }

        _uncommitted.Add(entry);
        WritePending(item, at);
    }

    /// <summary>Appends an event row to the open batch, or queues it behind the held rows while a retry is pending.</summary>
    private void AppendEventRow(in RowFields fields, ReadOnlySpan<byte> payload)
    {
        if (Holding)
        {
            Hold(new BatchEntry(default, null, fields, 0, payload.Length, payload.ToArray()));
            return;
        }

        RememberEventRow(fields, payload); // first: a row whose insert fails is held with the rest of its batch
        AppendRow(fields, payload);
    }

    /// <summary>After a failure inside an event: its caused rows queue behind it rather than behind the next event.</summary>
    private void HoldCausedBy(long eventId, DateTimeOffset at)
    {
        while (Holding && _pending.TryPeek(out var item) && item.Cause <= eventId)
        {
            _pending.TryDequeue(out _);
            Hold(new BatchEntry(item, at, default, 0, 0, null));
        }
    }

    /// <summary>At shutdown: one last attempt for the held rows (whatever the backoff says); what still fails is logged as lost.</summary>
    private void CommitHeldAtShutdown()
    {
        if (!Holding)
        {
            return;
        }

        _retryAt = DateTimeOffset.MinValue;
        try
        {
            RetryIfDue();
        }
        catch (SqliteException ex)
        {
            Fail(ex);
        }

        if (Holding)
        {
            LogLostAtShutdown(_logger, _held.Count);
        }
    }

    /// <summary>
    /// After a successful commit with nothing held: every command row written so far is durable (a held row is only
    /// ever committed by the retry that commits all of them), so its sender may be acknowledged.
    /// </summary>
    private void CompleteDurableCommands()
    {
        if (Holding || _commandsAwaitingCommit.Count == 0)
        {
            return;
        }

        foreach (var journaled in _commandsAwaitingCommit)
        {
            journaled.TrySetResult(); // the transport's continuations run elsewhere (RunContinuationsAsynchronously)
        }

        _commandsAwaitingCommit.Clear();
    }

    /// <summary>After a successful commit: the batch is durable, forget it.</summary>
    private void ForgetCommitted()
    {
        _uncommitted.Clear();
        _uncommittedBytes.ResetWrittenCount();
    }

    /// <summary>Before each event: retries the held rows when due, then checks whether space has returned.</summary>
    private void RetryIfDue()
    {
        if (!_degraded)
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (Holding && now >= _retryAt)
        {
            var held = _held.ToArray();
            _held.Clear();
            Volatile.Write(ref _heldCount, 0);
            for (var i = 0; i < held.Length; i++)
            {
                try
                {
                    Replay(held[i]);
                }
                catch (SqliteException)
                {
                    _held.AddRange(held.AsSpan(i + 1)); // not replayed yet: Fail holds them after the replayed ones
                    throw;
                }
            }

            Commit(); // a failure lands in Fail, which holds the replayed rows again
            _retry.Reset();
            LogHeldCommitted(_logger, held.Length);
        }

        if (!Holding && now >= _reserveCheckAt)
        {
            _reserveCheckAt = now + s_reserveCheck;
            if (_reserve is null || !_reserve.Enabled || (_reserve.RoomToRecover() && _reserve.TryCreate()))
            {
                _degraded = false;
                LogRecoveredFromFault(_logger, _options.Path, EventsNotJournaled, HeldDropped);
                Recovered?.Invoke();
            }
        }
    }

    private void Replay(BatchEntry entry)
    {
        if (entry.IsEventRow)
        {
            RememberEventRow(entry.Fields, entry.Payload);
            AppendRow(entry.Fields, entry.Payload);
        }
        else
        {
            _uncommitted.Add(entry);
            WritePending(entry.Item, entry.At);
        }
    }

    private void Hold(BatchEntry entry)
    {
        if (_held.Count >= MaxHeld)
        {
            Interlocked.Increment(ref _heldDropped);
            LogHeldDropped(_logger, MaxHeld);
            return;
        }

        _held.Add(entry);
        Volatile.Write(ref _heldCount, _held.Count);
    }

    private void Fail(SqliteException ex)
    {
        Interlocked.Increment(ref _failedBatches); // read by health reporting on another thread
        LogBatchFailed(_logger, ex, _seq - _rowsInTransaction + 1, _seq, _uncommitted.Count);
        try
        {
            _sql.Rollback();
        }
        catch (SqliteException)
        {
            // SQLite already rolled back (e.g. on SQLITE_FULL); nothing left to undo.
        }

        _inTransaction = false;
        _rowsInTransaction = 0;
        _outboxInTransaction = false;

        // The failed batch goes first, ahead of anything queued while it was being written (nothing: writing and
        // holding never overlap), each event row with its own copy of the payload.
        var bytes = _uncommittedBytes.WrittenSpan;
        var failed = new List<BatchEntry>(_uncommitted.Count + _held.Count);
        foreach (var e in _uncommitted)
        {
            failed.Add(e.IsEventRow ? e with { Payload = bytes.Slice(e.Offset, e.Length).ToArray() } : e);
        }

        failed.AddRange(_held);
        _held.Clear();
        foreach (var e in failed)
        {
            Hold(e);
        }

        ForgetCommitted();
        ReloadState();
        var now = _time.GetUtcNow();
        _retryAt = now + _retry.Next();
        _reserveCheckAt = now + s_reserveCheck;
        if (!_degraded)
        {
            _degraded = true;
            _reserve?.Release();
            var reason = ex.SqliteErrorCode == 13 ? "journal_disk_full" : "journal_write_failed"; // 13 = SQLITE_FULL
            LogDegraded(_logger, _options.Path, reason);
            Faulted?.Invoke(reason);
        }
    }

    [LoggerMessage(EventId = 342, Level = LogLevel.Error, Message = "Journal batch (seq {From}..{To}, {Rows} rows) failed to commit; rolled back and held for retry")]
    private static partial void LogBatchFailed(ILogger logger, Exception ex, long from, long to, int rows);

    [LoggerMessage(EventId = 303, Level = LogLevel.Critical, Message = "Journal {Path} degraded ({Reason}): reserve released; drone and telemetry events are not journaled until space returns")]
    private static partial void LogDegraded(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Journal committed {Rows} held rows")]
    private static partial void LogHeldCommitted(ILogger logger, int rows);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "Journal {Path} recovered: reserve back in place; {Skipped} events were not journaled, {Dropped} held rows dropped")]
    private static partial void LogRecoveredFromFault(ILogger logger, string path, long skipped, long dropped);

    [LoggerMessage(EventId = 306, Level = LogLevel.Critical, Message = "Journal holds {Max} rows already; a row was dropped")]
    private static partial void LogHeldDropped(ILogger logger, int max);

    [LoggerMessage(EventId = 308, Level = LogLevel.Critical, Message = "Journal stopped with {Rows} rows it could not commit; they are lost")]
    private static partial void LogLostAtShutdown(ILogger logger, int rows);

    [LoggerMessage(EventId = 307, Level = LogLevel.Warning, Message = "Journal {Path}: could not create the {Bytes}-byte reserve file; a full disk will hold rows in memory only")]
    private static partial void LogNoReserve(ILogger logger, string path, long bytes);
}
