using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Pipeline;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Journal.Outbox;
using Reintegratie.Edge.Journal.Retention;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Writing;

/// <summary>
/// The journal stage (gated after fusion) and fusion's <see cref="IAlertSink"/>. Fusion's changes and notes are queued
/// tagged with their cause; when this stage handles the cause event it writes the event row and then the rows it
/// caused (alert revision + outbox rows, notes) in the same transaction. One transaction per batch (group commit),
/// WAL, synchronous=FULL, every row hash-chained.
/// </summary>
/// <remarks>
/// <see cref="OnEvent"/>, <see cref="OnShutdown"/>, <see cref="RunRetention"/> and <see cref="Dispose"/> run on the
/// journal stage thread (or before the pipeline starts); <see cref="OnAlertChange"/> and <see cref="OnNote"/> on the
/// fusion thread; <see cref="Head"/>, the counters and <see cref="OpenOutbox"/> on any thread.
/// </remarks>
public sealed partial class JournalWriter : IStageHandler<SensorEvent>, IAlertSink, IDisposable
{
    private readonly JournalOptions _options;
    private readonly SiteModel _site;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SqliteConnection _connection;
    private readonly ConcurrentQueue<PendingItem> _pending = new();
    private readonly RowHasher _hasher = new();
    private readonly ArrayBufferWriter<byte> _payload = new(2048);
    private readonly Utf8JsonWriter _json;
    private readonly JournalCommands _sql;
    private readonly OutboxShedder _shedder;
    private readonly CommitSignal _signal = new();
    private readonly Dictionary<string, AlertSnapshot> _active = new(StringComparer.Ordinal);
    private byte[] _prevHash = new byte[RowHasher.HashSize];
    private byte[] _hash = new byte[RowHasher.HashSize];
    private readonly byte[] _digest = new byte[RowHasher.HashSize];
    private long _seq;
    private int _rowsInTransaction;
    private bool _inTransaction;
    private bool _outboxInTransaction;
    private long _lastOutboxId;
    private JournalHead _head = JournalHead.Empty;
    private long _outboxShed;
    private long _failedBatches;
    private DateTimeOffset _nextRetention;
    private DateTimeOffset _nextAgeCheck;
    private bool _disposed;

    private JournalWriter(JournalOptions options, SiteModel site, TimeProvider time, ILogger logger, SqliteConnection connection, JournalRecovery? recovery)
    {
        _options = options;
        _site = site;
        _time = time;
        _logger = logger;
        _connection = connection;
        Recovery = recovery;
        _json = new Utf8JsonWriter(_payload);
        _sql = new JournalCommands(connection);
        _shedder = new OutboxShedder(connection);
        var now = time.GetUtcNow();
        _nextRetention = now.AddMinutes(1);
        _nextAgeCheck = now.AddMinutes(1);
        ReloadState();
        NextEventId = _sql.LastEventId() + 1;
        OpenReserve();
    }

    /// <summary>Opens (or creates) the journal; a corrupt file is moved aside and reported in <see cref="Recovery"/>.</summary>
    /// <exception cref="ConfigurationException">The options are invalid.</exception>
    public static JournalWriter Open(JournalOptions options, SiteModel site, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        logger ??= NullLogger.Instance;
        var connection = JournalDatabase.OpenForWriting(options.Path, time, out var recovery);
        if (recovery is not null)
        {
            LogRecovered(logger, options.Path, recovery.MovedTo, recovery.Reason);
        }

        return new JournalWriter(options, site, time, logger, connection, recovery);
    }

    /// <summary>Set when the journal was corrupt at open: where it went and why. The gateway raises a technical alert.</summary>
    public JournalRecovery? Recovery { get; }

    /// <summary>The first event id the pipeline should use (max journaled event id + 1), so ids stay unique across restarts.</summary>
    public long NextEventId { get; }

    /// <summary>The newest committed row (seq, hash); safe to read from any thread.</summary>
    public JournalHead Head => Volatile.Read(ref _head); // acquire: the record was fully built before it was published

    /// <summary>Outbox rows shed by the bounds so far (the gateway turns a rise into a technical alert).</summary>
    public long OutboxShed => Interlocked.Read(ref _outboxShed);

    /// <summary>Batches that failed to commit (rolled back, their rows held and retried); non-zero means journal trouble.</summary>
    public long FailedBatches => Interlocked.Read(ref _failedBatches);

    /// <summary>Raised on the journal thread after a commit that shed outbox rows, with the number shed.</summary>
    public event Action<long>? OutboxShedding;

    /// <summary>Raised on the journal thread after each commit with the new head.</summary>
    public event Action<JournalHead>? Committed;

    /// <summary>The database file.</summary>
    public string Path => _options.Path;

    /// <summary>An outbox reader on its own connection, woken after every commit that adds outbox rows.</summary>
    public OutboxStore OpenOutbox() => new(_options.Path, _signal, _time);

    /// <summary>The active alerts (latest revision of every alert not ended), for fusion to restore at start.</summary>
    public IReadOnlyList<AlertSnapshot> LoadActiveAlerts() => OrderedActive();

    /// <inheritdoc />
    public void OnAlertChange(AlertChange change, long causeEventId)
    {
        ArgumentNullException.ThrowIfNull(change);
        _pending.Enqueue(new PendingItem(causeEventId, change, null));
    }

    /// <inheritdoc />
    public void OnNote(JournalNote note, long causeEventId)
    {
        ArgumentNullException.ThrowIfNull(note);
        _pending.Enqueue(new PendingItem(causeEventId, null, note));
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

        try
        {
            if (ShouldWriteEvent(data.Kind))
            {
                WriteEvent(data);
            }

            if (data.Kind != EventKind.None)
            {
                DrainCausedBy(data.EventId, data.At);
            }

            if (_rowsInTransaction >= _options.MaxBatch || (endOfBatch && _inTransaction))
            {
                Commit();
            }

            if (endOfBatch && !_degraded)
            {
                Housekeeping(); // not while degraded: shedding and retention need room to commit too
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
            while (_pending.TryDequeue(out var item))
            {
                WriteOrHold(item, null);
            }

            if (_inTransaction)
            {
                Commit();
            }
        }
        catch (SqliteException ex)
        {
            Fail(ex);
        }

        CommitHeldAtShutdown();
    }

    /// <summary>Commits the open transaction, if any (tests and tools that call <see cref="OnEvent"/> directly).</summary>
    public void Flush()
    {
        if (_inTransaction)
        {
            Commit();
        }
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
        _sql.Dispose();
        _shedder.Dispose();
        _json.Dispose();
        _hasher.Dispose();
        _connection.Dispose();
    }

    private void WriteEvent(SensorEvent e)
    {
        _payload.ResetWrittenCount();
        _json.Reset(_payload);
        EventPayloadWriter.Write(_json, e);
        _json.Flush();
        var type = e.Kind == EventKind.Command ? JournalRowTypes.Command : JournalRowTypes.Event;
        if (e.Attachment is OperatorCommand { Journaled: { } journaled })
        {
            _commandsAwaitingCommit.Add(journaled);
        }

        var fields = new RowFields(0, JournalTime.ToText(e.At), type, e.Kind.ToCode(), _site.ZoneId(e.ZoneIndex),
            _site.SensorId(e.SensorIndex), e.EventId, null, null, null);
        AppendEventRow(fields, _payload.WrittenSpan);
    }

    private void DrainCausedBy(long eventId, DateTimeOffset at)
    {
        // Fusion handled every event before this stage sees it (gated), so items caused by this event are queued;
        // items with an earlier or no cause (restore, a skipped slot) are written now rather than held for ever.
        while (_pending.TryPeek(out var item) && item.Cause <= eventId)
        {
            _pending.TryDequeue(out _);
            WriteOrHold(item, at);
        }
    }

    private void Housekeeping()
    {
        var now = _time.GetUtcNow();
        if (now >= _nextAgeCheck)
        {
            _nextAgeCheck = now.AddMinutes(1);
            Shed(() => _shedder.ShedAged(now - _options.Outbox.MaxAge));
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
