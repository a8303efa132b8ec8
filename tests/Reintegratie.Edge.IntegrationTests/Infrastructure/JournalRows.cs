using Microsoft.Data.Sqlite;

namespace Reintegratie.Edge.IntegrationTests.Infrastructure;

/// <summary>Counts a gateway's journal rows from outside, read-only, while the gateway runs.</summary>
public static class JournalRows
{
    /// <summary>Rows of the journal at <paramref name="journalPath"/> matching <paramref name="where"/>; 0 before the file exists.</summary>
    public static long Count(string journalPath, string where)
    {
        if (!File.Exists(journalPath))
        {
            return 0;
        }

        using var c = new SqliteConnection($"Data Source={journalPath};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT count(*) FROM journal WHERE {where};";
        return (long)cmd.ExecuteScalar()!;
    }
}
