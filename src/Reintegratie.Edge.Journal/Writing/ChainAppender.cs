using Microsoft.Data.Sqlite;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Writing;

/// <summary>
/// Appends hash-chained rows to the journal inside one open transaction, which it owns: chain format 2, each row's
/// hash = SHA-256(previous hash || header || SHA-256(payload)) (<see cref="RowHasher"/>), so retention can drop a
/// payload and keep the row's place in the chain.
/// </summary>
/// <remarks>Single-threaded: the journal stage thread (or the caller before the pipeline starts).</remarks>
internal sealed class ChainAppender : IDisposable
{
    private const int RowOverheadBytes = 200; // header columns, three 32-byte hashes, the record and cell headers

    private readonly JournalCommands _sql;
    private readonly TimeRuns _runs;
    private readonly RowHasher _hasher = new();
    private readonly byte[] _digest = new byte[RowHasher.HashSize];
    private byte[] _prevHash = new byte[RowHasher.HashSize];
    private byte[] _hash = new byte[RowHasher.HashSize];
    private long _seq;
    private long _bytesInTransaction;

    /// <summary>Continues the chain from the newest row in the database.</summary>
    public ChainAppender(JournalCommands sql, SqliteConnection connection)
    {
        _sql = sql;
        _runs = new TimeRuns(connection);
        Reload();
    }

    /// <summary>Seq of the newest row appended (committed or not).</summary>
    public long Seq => _seq;

    /// <summary>True while a transaction is open.</summary>
    public bool InTransaction { get; private set; }

    /// <summary>Rows appended in the open transaction.</summary>
    public int RowsInTransaction { get; private set; }

    /// <summary>
    /// About how many WAL frames committing the open transaction writes: the table's rightmost leaf and its parent
    /// (rewritten by every commit) and one more, plus a page for every 4 KiB of rows (a row is its payload and about
    /// 200 bytes of header and hashes). One drone event measured 2.7 frames (docs/BENCHMARKS.md); the estimate only
    /// paces the checkpoints (<see cref="DurabilityGate.CheckpointAfterPages"/>).
    /// </summary>
    public int WalPagesInTransaction => RowsInTransaction == 0 ? 0 : 3 + (int)(_bytesInTransaction / 4096);

    /// <summary>The newest row appended: seq and chain hash.</summary>
    public JournalHead Head => new(_seq, Convert.ToHexStringLower(_prevHash));

    /// <summary>Opens a transaction unless one is open.</summary>
    public void Begin()
    {
        if (!InTransaction)
        {
            _sql.Begin();
            InTransaction = true;
        }
    }

    /// <summary>Appends one row in the open transaction (opening one if needed); returns its seq.</summary>
    public long Append(in RowFields fields, ReadOnlySpan<byte> payloadUtf8)
    {
        Begin();
        var row = fields with { Seq = _seq + 1 };
        _hasher.PayloadDigest(payloadUtf8, _digest);
        _hasher.ComputeFromDigest(_prevHash, row, _digest, _hash);
        _sql.InsertRow(row, payloadUtf8, _digest, _prevHash, _hash);
        _runs.Appended(row.Seq, row.At);
        _seq = row.Seq;
        (_prevHash, _hash) = (_hash, _prevHash);
        RowsInTransaction++;
        _bytesInTransaction += payloadUtf8.Length + RowOverheadBytes;
        return row.Seq;
    }

    /// <summary>Commits the open transaction; returns the head it committed.</summary>
    public JournalHead Commit()
    {
        _sql.Commit();
        InTransaction = false;
        RowsInTransaction = 0;
        _bytesInTransaction = 0;
        return Head;
    }

    /// <summary>Rolls the open transaction back and continues the chain from what the database holds.</summary>
    public void Rollback()
    {
        try
        {
            _sql.Rollback();
        }
        catch (SqliteException)
        {
            // SQLite already rolled back (e.g. on SQLITE_FULL); nothing left to undo.
        }

        InTransaction = false;
        RowsInTransaction = 0;
        _bytesInTransaction = 0;
        _runs.RolledBack();
        Reload();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _hasher.Dispose();
        _runs.Dispose();
    }

    private void Reload()
    {
        var (seq, hash) = _sql.LastRow();
        _seq = seq;
        hash.CopyTo(_prevHash, 0);
    }
}
