using Microsoft.Data.Sqlite;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Writing;

/// <summary>The writer's prepared statements for journal rows and transactions, created once and reused for every row.</summary>
internal sealed class JournalCommands : IDisposable
{
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly SqliteCommand _checkpoint;
    private readonly SqliteConnection _connection;
    private readonly RowInsert _insert;

    public JournalCommands(SqliteConnection connection)
    {
        _begin = Create(connection, "BEGIN IMMEDIATE;");
        _commit = Create(connection, "COMMIT;");
        _rollback = Create(connection, "ROLLBACK;");
        _checkpoint = Create(connection, "PRAGMA wal_checkpoint(PASSIVE);");
        _connection = connection;
        _insert = new RowInsert(connection);
    }

    public void Begin() => _begin.ExecuteNonQuery();

    public void Commit() => _commit.ExecuteNonQuery();

    public void Rollback() => _rollback.ExecuteNonQuery();

    /// <summary>
    /// A PASSIVE checkpoint on the writer's connection, between transactions: copies what was committed since the sync
    /// thread's checkpoint, so the next transaction writes the WAL from its start. A failure is left to the next one.
    /// </summary>
    public void CheckpointTail()
    {
        try
        {
            _checkpoint.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // busy (the sync thread's checkpoint), or I/O: the WAL is only not reset this time; the next tail tries again
        }
    }

    public void InsertRow(in RowFields f, ReadOnlySpan<byte> payloadUtf8, byte[] payloadDigest, byte[] prevHash, byte[] hash) =>
        _insert.Insert(f, payloadUtf8, payloadDigest, prevHash, hash);

    /// <summary>The newest row's seq and hash, or (0, zeros).</summary>
    public (long Seq, byte[] Hash) LastRow()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1;";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : (0, new byte[RowHasher.HashSize]);
    }

    /// <summary>
    /// The newest journaled event id (0 when none). Ids grow with seq, so the newest rows hold the maximum; the
    /// window guards against a few out-of-order ids from concurrent producers.
    /// </summary>
    public long LastEventId()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(event_id), 0) FROM (SELECT event_id FROM journal WHERE event_id IS NOT NULL ORDER BY seq DESC LIMIT 10000);";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The latest revision payload of every alert.</summary>
    public List<string> LatestAlertPayloads()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT payload FROM journal WHERE seq IN (SELECT max(seq) FROM journal WHERE type = 'alert' AND alert_id IS NOT NULL GROUP BY alert_id) ORDER BY seq;";
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }

    public void Dispose()
    {
        _begin.Dispose();
        _commit.Dispose();
        _rollback.Dispose();
        _checkpoint.Dispose();
        _insert.Dispose();
    }

    internal static SqliteCommand Create(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    internal static SqliteParameter[] AddParameters(SqliteCommand command, params string[] names)
    {
        var parameters = new SqliteParameter[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            parameters[i] = command.Parameters.Add(new SqliteParameter { ParameterName = names[i], Value = DBNull.Value });
        }

        return parameters;
    }
}
