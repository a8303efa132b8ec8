namespace Reintegratie.Edge.Journal.Storage;

/// <summary>The database schema (documented in the project README).</summary>
internal static class JournalSchema
{
    /// <summary>Creates the tables and indexes when missing; drops the index on every row's time that journals before 2026-12-06 had.</summary>
    /// <remarks>
    /// Every index on <c>journal</c> is pages written per commit: at 1k ev/s each event is its own commit, and the old
    /// <c>journal_at</c> (every row's time) doubled the WAL frames of a one-row commit (2.7 instead of 5.1 pwrites, 5.9
    /// instead of 10.9 KB, half the checkpoints on the journal thread; docs/BENCHMARKS.md). What needs time ranges:
    /// the command nonces read at start (<c>journal_command_at</c>, commands only, a few a day), and retention, reports
    /// and <c>edgectl log --from/--to</c>, which scan (retention already scanned every alert row for linked recordings).
    /// Time ranges are found without an index by bisection over seq within the runs of <c>journal_runs</c>
    /// (<see cref="Reading.SeqRanges"/>): one row per run of rows whose times never fall more than
    /// <see cref="Writing.TimeRuns.Slack"/> behind the latest time before them in the run, written by the writer only at
    /// a start and when time steps back further (a handful of pages a day, none per event).
    /// Dropping an index changes no row and no hash: old journals open, verify and replay as before.
    /// </remarks>
    public const string Create = """
        CREATE TABLE IF NOT EXISTS journal (
            seq        INTEGER PRIMARY KEY,
            at         TEXT    NOT NULL,
            type       TEXT    NOT NULL,
            kind       TEXT,
            zone       TEXT,
            sensor     TEXT,
            event_id   INTEGER,
            alert_id   TEXT,
            revision   INTEGER,
            severity   TEXT,
            payload    TEXT,
            payload_digest BLOB NOT NULL,
            prev_hash  BLOB    NOT NULL,
            hash       BLOB    NOT NULL
        );
        DROP INDEX IF EXISTS journal_at;
        CREATE INDEX IF NOT EXISTS journal_command_at ON journal(at) WHERE type = 'command';
        CREATE INDEX IF NOT EXISTS journal_alert ON journal(alert_id, seq) WHERE alert_id IS NOT NULL;
        CREATE TABLE IF NOT EXISTS journal_runs (
            first_seq  INTEGER PRIMARY KEY
        );
        CREATE TABLE IF NOT EXISTS outbox (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            topic       TEXT    NOT NULL,
            payload     BLOB    NOT NULL,
            retain      INTEGER NOT NULL,
            severity    INTEGER NOT NULL,
            created_at  INTEGER NOT NULL,
            alert_id    TEXT,
            revision    INTEGER NOT NULL,
            journal_seq INTEGER NOT NULL
        );
        """;

    /// <summary>Every column of a journal row, in canonical order.</summary>
    public const string Columns = "seq, at, type, kind, zone, sensor, event_id, alert_id, revision, severity, payload, payload_digest, prev_hash, hash";

    /// <summary>
    /// Chain format in <c>PRAGMA user_version</c>: 2 = <c>SHA-256(prev || header || SHA-256(payload))</c> with purgeable
    /// payloads. Format 1 (the whole row hashed, purged rows deleted) is refused: it cannot prove what retention removed.
    /// </summary>
    public const int Format = 2;
}
