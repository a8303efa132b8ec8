using Microsoft.Data.Sqlite;

namespace Reintegratie.Edge.Journal.Tests.Storage;

internal static class TestQueries
{
    public static List<(long Seq, string Type, string? Kind, string? Payload)> Rows(string path)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT seq, type, kind, payload FROM journal ORDER BY seq";
        using var r = cmd.ExecuteReader();
        var list = new List<(long, string, string?, string?)>();
        while (r.Read())
        {
            list.Add((r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)));
        }

        return list;
    }

    public static void Execute(string path, string sql)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
