using System.Globalization;
using Microsoft.Data.Sqlite;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Core.Diagnostics;

namespace Reintegratie.Edge.Journal.Storage;

/// <summary>Opens journal databases: the writer's (integrity-checked, WAL, synchronous=FULL or NORMAL with a group sync), a second writer-side connection, and read-only ones.</summary>
public static class JournalDatabase
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    /// <summary>Bytes the WAL file is cut back to after a checkpoint let it be rewritten (<c>journal_size_limit</c>).</summary>
    internal const long WalSizeLimit = 8L << 20;

    /// <summary>
    /// Opens (or creates) the journal for writing. Runs <c>PRAGMA integrity_check</c>; a corrupt file is renamed to
    /// <c>{path}.corrupt-{yyyyMMddTHHmmssZ}</c> (with its -wal and -shm), a new journal is started and
    /// <paramref name="recovery"/> says so.
    /// </summary>
    public static SqliteConnection OpenForWriting(string path, TimeProvider time, out JournalRecovery? recovery) =>
        OpenForWriting(path, time, JournalSync.EachCommit, out recovery);

    /// <summary>
    /// Opens (or creates) the journal for writing with commits made durable as <paramref name="sync"/> says
    /// (<see cref="JournalSync.Group"/>: <c>synchronous=NORMAL</c>, the caller syncs the WAL). Otherwise as
    /// <see cref="OpenForWriting(string, TimeProvider, out JournalRecovery?)"/>.
    /// </summary>
    public static SqliteConnection OpenForWriting(string path, TimeProvider time, JournalSync sync, out JournalRecovery? recovery)
    {
        ArgumentNullException.ThrowIfNull(time);
        recovery = null;
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        string? problem;
        try
        {
            var connection = Open(path, SqliteOpenMode.ReadWriteCreate);
            StartTrace.Mark("journal: SQLite file opened");
            problem = IntegrityProblem(connection);
            StartTrace.Mark("journal: integrity_check");
            if (problem is null)
            {
                Prepare(connection, path, sync);
                StartTrace.Mark("journal: WAL mode, schema and migrations");
                return connection;
            }

            connection.Dispose();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            problem = ex.Message;
        }

        var movedTo = $"{path}.corrupt-{time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        File.Move(path, movedTo);
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            if (File.Exists(path + suffix))
            {
                File.Move(path + suffix, movedTo + suffix);
            }
        }

        recovery = new JournalRecovery(movedTo, problem);
        var fresh = Open(path, SqliteOpenMode.ReadWriteCreate);
        Prepare(fresh, path, sync);
        return fresh;
    }

    /// <summary>A second read-write connection to an open journal (the outbox store), waiting up to 5 s on locks.</summary>
    /// <remarks>
    /// This connection only deletes delivered outbox rows, so it commits with synchronous=NORMAL: in WAL mode that is
    /// durable against a crash of the process and saves an fsync per PUBACK (the drain was fsync-bound at ~900 rows/s).
    /// A power cut can only undo the last deletes, and the publisher then sends those rows again: a QoS 1 duplicate that
    /// consumers drop by alert id + revision. The publisher reads only rows the journal writer has made durable, so none is lost.
    /// </remarks>
    public static SqliteConnection OpenShared(string path)
    {
        var connection = Open(path, SqliteOpenMode.ReadWrite);
        // No automatic checkpoint in its commits: the journal's checkpointer runs them (WalCheckpointer); the outbox
        // store turns it back on for its own deletes (OutboxStore).
        Execute(connection, "PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0;");
        return connection;
    }

    /// <summary>Opens a journal read-only (works while the gateway writes: WAL readers never block the writer).</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static SqliteConnection OpenReadOnly(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no journal database at '{path}'", path);
        }

        var connection = Open(path, SqliteOpenMode.ReadOnly);
        Execute(connection, "PRAGMA busy_timeout=5000;");
        return connection;
    }

    /// <summary>Reads a row selected with <see cref="JournalSchema.Columns"/>.</summary>
    public static JournalRow ReadRow(SqliteDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new JournalRow
        {
            Seq = reader.GetInt64(0),
            At = reader.GetString(1),
            Type = reader.GetString(2),
            Kind = reader.IsDBNull(3) ? null : reader.GetString(3),
            Zone = reader.IsDBNull(4) ? null : reader.GetString(4),
            Sensor = reader.IsDBNull(5) ? null : reader.GetString(5),
            EventId = reader.IsDBNull(6) ? null : reader.GetInt64(6),
            AlertId = reader.IsDBNull(7) ? null : reader.GetString(7),
            Revision = reader.IsDBNull(8) ? null : reader.GetInt32(8),
            Severity = reader.IsDBNull(9) ? null : reader.GetString(9),
            Payload = reader.IsDBNull(10) ? null : reader.GetString(10),
            PayloadDigest = (byte[])reader.GetValue(11),
            PrevHash = (byte[])reader.GetValue(12),
            Hash = (byte[])reader.GetValue(13),
        };
    }

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        command.ExecuteNonQuery();
    }

    internal static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        return connection;
    }

    private static string? IntegrityProblem(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read() && lines.Count < 5)
        {
            lines.Add(reader.GetString(0));
        }

        return lines is ["ok"] ? null : string.Join("; ", lines);
    }

    /// <summary>
    /// The journal's chain format: <see cref="JournalSchema.Format"/> for a current journal (or an empty file), 1 for a
    /// journal written before payload digests (no <c>payload_digest</c> column).
    /// </summary>
    public static int FormatOf(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'journal'), (SELECT count(*) FROM pragma_table_info('journal') WHERE name = 'payload_digest');";
        using var reader = command.ExecuteReader();
        reader.Read();
        return reader.GetInt64(0) == 0 || reader.GetInt64(1) == 1 ? JournalSchema.Format : 1;
    }

    /// <summary>Why a format-1 journal is refused, and what to do (the writer's and the verifier's message).</summary>
    public static string Format1Refusal(string path) =>
        $"journal '{path}' uses hash-chain format 1, which cannot prove what retention purged; it is not migrated in place "
        + "(that would rewrite evidence): keep it read-only as the archive of that period, move it aside and start again "
        + $"for a new format-{JournalSchema.Format} journal";

    private static void Prepare(SqliteConnection connection, string path, JournalSync sync)
    {
        // WAL lets edgectl read while the gateway writes. FULL syncs the WAL on every commit; NORMAL syncs only at
        // checkpoints, and the group commit's WalSync makes commits durable (DESIGN.md, Journal). With the group commit
        // the checkpoints leave the writer's commits too (wal_autocheckpoint=0): WalCheckpointer runs them on the sync
        // thread. journal_size_limit cuts the WAL file back to 8 MiB when it is next written from its start.
        var pragmas = sync == JournalSync.Group
            ? $"PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit={WalSizeLimit};"
            : "PRAGMA synchronous=FULL;";
        Execute(connection, $"PRAGMA journal_mode=WAL; {pragmas} PRAGMA busy_timeout=5000; PRAGMA foreign_keys=OFF;");
        if (FormatOf(connection) != JournalSchema.Format)
        {
            connection.Dispose();
            throw new ConfigurationException("Journal:Path", Format1Refusal(path));
        }

        Execute(connection, JournalSchema.Create);
        Execute(connection, $"PRAGMA user_version = {JournalSchema.Format};");
    }
}
