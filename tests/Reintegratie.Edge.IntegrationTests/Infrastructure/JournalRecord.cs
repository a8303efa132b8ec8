using Microsoft.Data.Sqlite;

namespace Reintegratie.Edge.IntegrationTests.Infrastructure;

/// <summary>
/// What a journal held at one moment: every row's seq, type, kind and hash, read before a fault. After the fault the
/// journal must still hold every one of them, unchanged (<see cref="LostIn"/>), and pass <c>edgectl log verify</c>
/// (<see cref="Verify"/>). Read from the live file on a read-only connection (WAL: the writer is not disturbed).
/// </summary>
internal sealed class JournalRecord
{
    private JournalRecord(string path, List<Row> rows)
    {
        Path = path;
        Rows = rows;
    }

    public string Path { get; }

    public IReadOnlyList<Row> Rows { get; }

    public static JournalRecord Read(string path)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT seq, type, kind, hash, alert_id, revision FROM journal ORDER BY seq;";
        using var r = cmd.ExecuteReader();
        var rows = new List<Row>();
        while (r.Read())
        {
            rows.Add(new Row(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), Convert.ToHexStringLower((byte[])r[3]),
                r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetInt32(5)));
        }

        return new JournalRecord(path, rows);
    }

    /// <summary>
    /// Null when <paramref name="after"/> still holds every row of this record with the same hash; otherwise the
    /// first row that is gone or changed, named by seq (a row lost from the journal itself, not only from MQTT).
    /// </summary>
    public string? LostIn(JournalRecord after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var now = after.Rows.ToDictionary(r => r.Seq);
        foreach (var row in Rows)
        {
            if (!now.TryGetValue(row.Seq, out var found))
            {
                return $"seq {row.Seq} ({row.Type} {row.Kind}{(row.AlertId is null ? string.Empty : $" {row.AlertId} r{row.Revision}")}) was journaled before the fault and is gone after it ({Rows.Count} rows before, {after.Rows.Count} after)";
            }

            if (found.Hash != row.Hash)
            {
                return $"seq {row.Seq} ({row.Type} {row.Kind}) was rewritten after the fault: hash {row.Hash[..12]}… became {found.Hash[..12]}…";
            }
        }

        return null;
    }

    /// <summary>Runs <c>edgectl log verify</c> on <paramref name="path"/>: (exit code, output).</summary>
    public static (int Code, string Output) Verify(string path)
    {
        var (code, stdout, stderr) = ChildProcess.Run(RepoPaths.Edgectl, ["log", "verify", "--db", path], TimeSpan.FromSeconds(120));
        return (code, stdout + stderr);
    }

    /// <summary>Asserts the journal at <paramref name="path"/> verifies intact and still holds every row of <paramref name="before"/>.</summary>
    public static JournalRecord AssertKeeps(JournalRecord before, string path, string when)
    {
        ArgumentNullException.ThrowIfNull(before);
        var (code, output) = Verify(path);
        Assert.True(code == 0, $"{when}: edgectl log verify failed: {output}");
        var after = Read(path);
        Assert.Null(before.LostIn(after) is { } lost ? $"{when}: {lost}" : null);
        return after;
    }

    /// <summary>One journal row as the record keeps it.</summary>
    public sealed record Row(long Seq, string Type, string? Kind, string Hash, string? AlertId, int? Revision);
}
