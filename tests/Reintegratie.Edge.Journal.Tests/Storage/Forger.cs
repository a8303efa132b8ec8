using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Tests.Storage;

/// <summary>An insider with write access to the database file and the documented chain format (no secret is needed).</summary>
internal static class Forger
{
    /// <summary>Appends a correctly chained row, as a forger who knows the format can.</summary>
    public static void Append(string path, string at, string type, string? kind, string payload)
    {
        using var c = Open(path);
        var (seq, prev) = Last(c);
        var fields = new RowFields(seq + 1, at, type, kind, null, null, null, null, null, null);
        Insert(c, fields, payload, prev);
    }

    /// <summary>Recomputes every hash from the first row on, after rows were deleted, renumbered or edited.</summary>
    public static void Rechain(string path)
    {
        using var c = Open(path);
        var rows = new List<JournalRow>();
        using (var read = c.CreateCommand())
        {
            read.CommandText = $"SELECT {JournalSchema.Columns} FROM journal ORDER BY seq";
            using var r = read.ExecuteReader();
            while (r.Read())
            {
                rows.Add(JournalDatabase.ReadRow(r));
            }
        }

        using var delete = c.CreateCommand();
        delete.CommandText = "DELETE FROM journal";
        delete.ExecuteNonQuery();
        var prev = new byte[32];
        var seq = 0L;
        foreach (var row in rows)
        {
            prev = Insert(c, row.Fields with { Seq = ++seq }, row.Payload, prev, row.PayloadDigest);
        }
    }

    private static byte[] Insert(SqliteConnection c, RowFields f, string? payload, byte[] prev, byte[]? digest = null)
    {
        digest = payload is null ? digest! : SHA256.HashData(Encoding.UTF8.GetBytes(payload));
        var hash = new byte[32];
        using (var hasher = new RowHasher())
        {
            hasher.ComputeFromDigest(prev, f, digest, hash);
        }

        using var insert = c.CreateCommand();
        insert.CommandText = $"INSERT INTO journal ({JournalSchema.Columns}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)";
        object?[] values = [f.Seq, f.At, f.Type, f.Kind, f.Zone, f.Sensor, f.EventId, f.AlertId, f.Revision, f.Severity, payload, digest, prev, hash];
        for (var i = 0; i < values.Length; i++)
        {
            insert.Parameters.AddWithValue($"${i + 1}", values[i] ?? DBNull.Value);
        }

        insert.ExecuteNonQuery();
        return hash;
    }

    private static (long Seq, byte[] Hash) Last(SqliteConnection c)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1";
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetInt64(0), (byte[])r.GetValue(1)) : (0, new byte[32]);
    }

    private static SqliteConnection Open(string path)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        return c;
    }
}
