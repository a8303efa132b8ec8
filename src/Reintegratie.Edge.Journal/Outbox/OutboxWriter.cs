using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Topics;
using Reintegratie.Edge.Journal.Writing;

namespace Reintegratie.Edge.Journal.Outbox;

/// <summary>
/// Writes the outbox rows an alert revision adds, in the journal writer's transaction: its lifecycle message on
/// <see cref="GatewayTopics.Alerts"/> and the retained active list on <see cref="GatewayTopics.AlertsActive"/>. Keeps the
/// outbox within its bounds (<see cref="OutboxShedder"/>) and says which rows a commit added, so the publisher can be
/// woken once they are durable.
/// </summary>
/// <remarks>Single-threaded (the journal stage thread), except <see cref="Shed"/>, which any thread may read.</remarks>
internal sealed partial class OutboxWriter : IDisposable
{
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter[] _row;
    private readonly OutboxShedder _shedder;
    private readonly OutboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _lastId;
    private bool _added;
    private long _shed;

    public OutboxWriter(SqliteConnection connection, OutboxOptions options, TimeProvider time, ILogger logger)
    {
        using (var max = JournalCommands.Create(connection, "SELECT coalesce(max(id), 0) FROM outbox;"))
        {
            Signal = new CommitSignal((long)max.ExecuteScalar()!); // rows left at open are durable: the writer synced them
        }

        _insert = JournalCommands.Create(connection, "INSERT INTO outbox (topic, payload, retain, severity, created_at, alert_id, revision, journal_seq) VALUES ($topic, $payload, $retain, $severity, $created_at, $alert_id, $revision, $journal_seq) RETURNING id;");
        _row = JournalCommands.AddParameters(_insert, "$topic", "$payload", "$retain", "$severity", "$created_at", "$alert_id", "$revision", "$journal_seq");
        _shedder = new OutboxShedder(connection);
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Wakes outbox readers and bounds what they read; signalled once added rows are durable.</summary>
    public CommitSignal Signal { get; }

    /// <summary>Rows shed by the bounds so far; safe to read from any thread.</summary>
    public long Shed => Interlocked.Read(ref _shed);

    /// <summary>Adds the two rows of one alert revision (journal row <paramref name="journalSeq"/>) in the open transaction.</summary>
    public void AddRevision(AlertSnapshot after, byte[] lifecycle, byte[] activeList, long journalSeq)
    {
        var created = _time.GetUtcNow().ToUnixTimeMilliseconds();
        Insert(GatewayTopics.Alerts, lifecycle, false, after, created, journalSeq);
        _lastId = Insert(GatewayTopics.AlertsActive, activeList, true, after, created, journalSeq);
        _added = true;
    }

    /// <summary>Before the commit: if this transaction added rows, brings the outbox within <see cref="OutboxOptions.MaxRows"/>.</summary>
    public long ShedOverCount() => _added ? Count(_shedder.ShedOverCount(_options.MaxRows)) : 0;

    /// <summary>Sheds sheddable rows older than <see cref="OutboxOptions.MaxAge"/>.</summary>
    public long ShedAged(DateTimeOffset now) => Count(_shedder.ShedAged(now - _options.MaxAge));

    /// <summary>After a successful commit: the highest outbox id it added, or 0 when it added none.</summary>
    public long Committed()
    {
        if (!_added)
        {
            return 0;
        }

        _added = false;
        return _lastId;
    }

    /// <summary>After a rollback: the rows added are gone.</summary>
    public void RolledBack() => _added = false;

    /// <inheritdoc />
    public void Dispose()
    {
        _insert.Dispose();
        _shedder.Dispose();
    }

    private long Insert(string topic, byte[] payload, bool retain, AlertSnapshot after, long createdAtMs, long journalSeq)
    {
        _row[0].Value = topic;
        _row[1].Value = payload;
        _row[2].Value = retain ? 1 : 0;
        _row[3].Value = (int)after.Severity;
        _row[4].Value = createdAtMs;
        _row[5].Value = after.Id;
        _row[6].Value = after.Revision;
        _row[7].Value = journalSeq;
        return (long)_insert.ExecuteScalar()!;
    }

    private long Count(long shed)
    {
        if (shed > 0)
        {
            Interlocked.Add(ref _shed, shed); // read by health reporting on another thread
            LogShed(_logger, shed);
        }

        return shed;
    }

    [LoggerMessage(EventId = 344, Level = LogLevel.Warning, Message = "Outbox over its bounds: shed {Count} low-severity or superseded rows")]
    private static partial void LogShed(ILogger logger, long count);
}
