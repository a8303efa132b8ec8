using System.Text;
using Microsoft.Data.Sqlite;
using Reintegratie.Edge.Journal.Storage;
using SQLitePCL;

namespace Reintegratie.Edge.Journal.Writing;

/// <summary>
/// The journal row insert as one SQLite statement, prepared once on the writer's connection and bound with spans: the
/// payload goes in as the UTF-8 bytes it was formatted to, the hashes as the writer's own buffers, text fields encoded
/// into a scratch buffer. Nothing is allocated per row.
/// </summary>
/// <remarks>
/// <para>Why not a <see cref="SqliteCommand"/>: each <c>ExecuteNonQuery</c> boxes the integers, re-encodes every string
/// parameter to UTF-8 (the payload was UTF-8 already, so it was decoded to a string first only to be encoded again),
/// and creates a data reader; at 1,000 rows per commit that was most of the writer's managed work per row.</para>
/// <para>SQLite copies what is bound (<c>SQLITE_TRANSIENT</c> in SQLitePCLRaw's span overloads), so the buffers may be
/// reused at once. A failed step resets the statement and throws the same <see cref="SqliteException"/> (with the
/// same error code, e.g. <c>SQLITE_FULL</c>) as the command did, so the fault path is unchanged.</para>
/// <para>Single-threaded: the journal stage thread. Dispose before the connection (SQLite finalizes the statement).</para>
/// </remarks>
internal sealed class RowInsert : IDisposable
{
    private const int MaxTextBytes = 1024;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly byte[] _text = new byte[MaxTextBytes];

    public RowInsert(SqliteConnection connection)
    {
        _db = connection.Handle!;
        var rc = raw.sqlite3_prepare_v2(_db, $"INSERT INTO journal ({JournalSchema.Columns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14);", out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    /// <summary>Inserts one row in the connection's open transaction.</summary>
    /// <exception cref="SqliteException">SQLite refused the row (disk full, I/O error, constraint).</exception>
    public void Insert(in RowFields f, ReadOnlySpan<byte> payloadUtf8, ReadOnlySpan<byte> payloadDigest, ReadOnlySpan<byte> prevHash, ReadOnlySpan<byte> hash)
    {
        Check(raw.sqlite3_bind_int64(_statement, 1, f.Seq));
        BindText(2, f.At);
        BindText(3, f.Type);
        BindText(4, f.Kind);
        BindText(5, f.Zone);
        BindText(6, f.Sensor);
        Check(f.EventId is { } e ? raw.sqlite3_bind_int64(_statement, 7, e) : raw.sqlite3_bind_null(_statement, 7));
        BindText(8, f.AlertId);
        Check(f.Revision is { } r ? raw.sqlite3_bind_int(_statement, 9, r) : raw.sqlite3_bind_null(_statement, 9));
        BindText(10, f.Severity);
        Check(raw.sqlite3_bind_text(_statement, 11, payloadUtf8));
        Check(raw.sqlite3_bind_blob(_statement, 12, payloadDigest));
        Check(raw.sqlite3_bind_blob(_statement, 13, prevHash));
        Check(raw.sqlite3_bind_blob(_statement, 14, hash));
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement); // after an error it returns the same code again; the step's code is the one to report
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _statement.Dispose();

    private void BindText(int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_statement, index));
            return;
        }

        if (value.Length == 0 || Encoding.UTF8.GetMaxByteCount(value.Length) > MaxTextBytes)
        {
            // An empty span would be bound as NULL (its pointer is null), and a long id is rare: let SQLitePCL encode it.
            Check(raw.sqlite3_bind_text(_statement, index, value));
            return;
        }

        var n = Encoding.UTF8.GetBytes(value, _text);
        Check(raw.sqlite3_bind_text(_statement, index, _text.AsSpan(0, n)));
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
