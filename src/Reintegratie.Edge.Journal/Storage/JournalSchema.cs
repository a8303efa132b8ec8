namespace Reintegratie.Edge.Journal.Storage;

/// <summary>The database schema (documented in the project README).</summary>
internal static class JournalSchema
{
    /// <summary>Creates the tables and indexes when missing.</summary>
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
        CREATE INDEX IF NOT EXISTS journal_at ON journal(at);
        CREATE INDEX IF NOT EXISTS journal_alert ON journal(alert_id, seq) WHERE alert_id IS NOT NULL;
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
