using System.Buffers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Time;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Writing;

/// <summary>
/// The failure path: a batch that fails to commit (disk full, I/O error) is not dropped. Its rows are held in memory
/// (bounded) and committed again with exponential backoff until a commit succeeds. This class keeps the open batch's
/// rows (so they can be held), the held rows, the retry schedule, the reserve file and the degraded state; the
/// journal writer replays what it hands back.
/// </summary>
/// <remarks>
/// <para>On the first failure the writer becomes <em>degraded</em>: the reserve file is released (so the held batch and
/// the gateway's fault alert fit), and until it recovers the journal keeps only what matters to security staff: alert
/// revisions, notes and every event row except drone detections and telemetry, the high-rate streams (those are
/// counted in <see cref="EventsNotJournaled"/>; the alerts they cause are journaled, their <c>event_id</c> naming an
/// event that has no row). While a retry is pending nothing is written; new alert revisions, notes and event rows queue
/// behind the held ones, in order.</para>
/// <para>Recovery: once nothing is held, every 2 s it checks for room for the reserve and as much again, and re-creates
/// the reserve; when that succeeds there is room again and the journal keeps everything as before. Beyond
/// <see cref="JournalWriter.MaxHeld"/> held rows, further rows are dropped and counted in <see cref="HeldDropped"/>.</para>
/// <para>Single-threaded (the journal stage thread), except the counters, which any thread may read.</para>
/// </remarks>
internal sealed partial class FaultHold
{
    private static readonly TimeSpan s_reserveCheck = TimeSpan.FromSeconds(2);
    private readonly string _path;
    private readonly ILogger _logger;
    private readonly List<BatchEntry> _uncommitted = new(256);
    private readonly ArrayBufferWriter<byte> _uncommittedBytes = new(64 * 1024);
    private readonly List<BatchEntry> _held = [];
    private readonly Backoff _retry = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
    private readonly JournalReserve _reserve;
    private DateTimeOffset _retryAt;
    private DateTimeOffset _reserveCheckAt;
    private long _failedBatches;
    private long _eventsNotJournaled;
    private long _heldDropped;
    private int _heldCount;
    private volatile bool _degraded;

    /// <summary>Puts the reserve in place (a failure is logged, not fatal).</summary>
    public FaultHold(string path, long reserveBytes, ILogger logger)
    {
        _path = path;
        _logger = logger;
        _reserve = new JournalReserve(path, reserveBytes);
        if (_reserve.Enabled && !_reserve.TryCreate())
        {
            LogNoReserve(logger, path, reserveBytes);
        }
    }

    /// <summary>True from a failed commit until space (the reserve) is back; safe to read from any thread.</summary>
    public bool IsDegraded => _degraded;

    /// <summary>True while rows wait in memory for a commit to succeed.</summary>
    public bool Holding => _held.Count > 0;

    /// <summary>Rows held in memory; safe to read from any thread.</summary>
    public int HeldRows => Volatile.Read(ref _heldCount);

    /// <summary>Batches that failed to commit; safe to read from any thread.</summary>
    public long FailedBatches => Interlocked.Read(ref _failedBatches);

    /// <summary>Drone-detection and telemetry events not journaled while degraded; safe to read from any thread.</summary>
    public long EventsNotJournaled => Interlocked.Read(ref _eventsNotJournaled);

    /// <summary>Rows dropped because the hold was full; safe to read from any thread.</summary>
    public long HeldDropped => Interlocked.Read(ref _heldDropped);

    /// <summary>Whether this event's row is journaled now (false: degraded and a high-rate kind; counted).</summary>
    public bool ShouldJournal(EventKind kind)
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

    /// <summary>Records an event row of the open batch (before it is inserted), so it can be held if the commit fails.</summary>
    public void RememberEventRow(in RowFields fields, ReadOnlySpan<byte> payload)
    {
        var offset = _uncommittedBytes.WrittenCount;
        payload.CopyTo(_uncommittedBytes.GetSpan(payload.Length));
        _uncommittedBytes.Advance(payload.Length);
        _uncommitted.Add(new BatchEntry(default, null, fields, offset, payload.Length, null));
    }

    /// <summary>Records a fusion output of the open batch (before it is written).</summary>
    public void RememberOutput(PendingItem item, DateTimeOffset? at) => _uncommitted.Add(new BatchEntry(item, at, default, 0, 0, null));

    /// <summary>Queues an event row behind the held rows (its payload copied).</summary>
    public void HoldEventRow(in RowFields fields, ReadOnlySpan<byte> payload) =>
        Hold(new BatchEntry(default, null, fields, 0, payload.Length, payload.ToArray()));

    /// <summary>Queues a fusion output behind the held rows.</summary>
    public void HoldOutput(PendingItem item, DateTimeOffset? at) => Hold(new BatchEntry(item, at, default, 0, 0, null));

    /// <summary>After a successful commit: the open batch is durable, forget it.</summary>
    public void Committed()
    {
        _uncommitted.Clear();
        _uncommittedBytes.ResetWrittenCount();
    }

    /// <summary>
    /// After a failed commit (already rolled back): holds the batch ahead of anything held before, schedules the retry,
    /// and on the first failure releases the reserve and returns the fault reason (null when already degraded).
    /// </summary>
    public string? Failed(SqliteException ex, long fromSeq, long toSeq, DateTimeOffset now)
    {
        Interlocked.Increment(ref _failedBatches); // read by health reporting on another thread
        LogBatchFailed(_logger, ex, fromSeq, toSeq, _uncommitted.Count);

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

        Committed(); // nothing of the open batch is left to remember
        _retryAt = now + _retry.Next();
        _reserveCheckAt = now + s_reserveCheck;
        if (_degraded)
        {
            return null;
        }

        _degraded = true;
        _reserve.Release();
        var reason = ex.SqliteErrorCode == 13 ? "journal_disk_full" : "journal_write_failed"; // 13 = SQLITE_FULL
        LogDegraded(_logger, _path, reason);
        return reason;
    }

    /// <summary>True when held rows wait and their retry is due.</summary>
    public bool RetryDue(DateTimeOffset now) => _degraded && Holding && now >= _retryAt;

    /// <summary>At shutdown: the next <see cref="RetryDue"/> is true whatever the backoff says.</summary>
    public void RetryNow() => _retryAt = DateTimeOffset.MinValue;

    /// <summary>Hands the held rows back for replay, in order; nothing is held afterwards.</summary>
    public BatchEntry[] TakeHeld()
    {
        var held = _held.ToArray();
        _held.Clear();
        Volatile.Write(ref _heldCount, 0);
        return held;
    }

    /// <summary>Rows not replayed yet when a replay failed: held again (the failure then holds the replayed ones after them).</summary>
    public void PutBack(ReadOnlySpan<BatchEntry> rest) => _held.AddRange(rest);

    /// <summary>The replayed held rows committed.</summary>
    public void RetrySucceeded(int rows)
    {
        _retry.Reset();
        LogHeldCommitted(_logger, rows);
    }

    /// <summary>
    /// While degraded with nothing held, at most every 2 s: true when space has returned (the reserve could be
    /// re-created, or none is configured); the journal keeps everything again.
    /// </summary>
    public bool TryRecover(DateTimeOffset now)
    {
        if (!_degraded || Holding || now < _reserveCheckAt)
        {
            return false;
        }

        _reserveCheckAt = now + s_reserveCheck;
        if (_reserve.Enabled && !(_reserve.RoomToRecover() && _reserve.TryCreate()))
        {
            return false;
        }

        _degraded = false;
        LogRecoveredFromFault(_logger, _path, EventsNotJournaled, HeldDropped);
        return true;
    }

    /// <summary>At shutdown, after the last attempt: whatever is still held is lost, and logged.</summary>
    public void ReportLostAtShutdown()
    {
        if (Holding)
        {
            LogLostAtShutdown(_logger, _held.Count);
        }
    }

    private void Hold(BatchEntry entry)
    {
        if (_held.Count >= JournalWriter.MaxHeld)
        {
            Interlocked.Increment(ref _heldDropped);
            LogHeldDropped(_logger, JournalWriter.MaxHeld);
            return;
        }

        _held.Add(entry);
        Volatile.Write(ref _heldCount, _held.Count);
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
