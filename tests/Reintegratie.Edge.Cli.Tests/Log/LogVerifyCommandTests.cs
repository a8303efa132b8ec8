using Microsoft.Data.Sqlite;

namespace Reintegratie.Edge.Cli.Tests.Log;

public sealed class LogVerifyCommandTests : IDisposable
{
    private readonly LogFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Verify_Intact_Exit0WithRowCount()
    {
        _f.WriteEvents(30);

        var (code, output, _) = await LogFixture.Run("log", "verify", "--db", _f.Db);

        Assert.Equal(0, code);
        Assert.StartsWith("intact: 30 rows checked, head 30:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EditedRow_Exit1NamingSeq()
    {
        _f.WriteEvents(30);
        Execute("UPDATE journal SET at = '2026-09-14T11:00:00.000000Z' WHERE seq = 17");

        var (code, _, err) = await LogFixture.Run("log", "verify", "--db", _f.Db);

        Assert.Equal(1, code);
        Assert.Contains("seq 17", err, StringComparison.Ordinal);
        Assert.Contains("16 rows checked", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_TruncatedWithExpectedHead_Exit1()
    {
        _f.WriteEvents(30);
        var (_, intact, _) = await LogFixture.Run("log", "verify", "--db", _f.Db);
        var head = intact.Trim().Split(' ')[^1];
        Execute("DELETE FROM journal WHERE seq > 25");

        var (code, _, err) = await LogFixture.Run("log", "verify", "--db", _f.Db, "--expect-head", head);

        Assert.Equal(1, code);
        Assert.Contains("seq 26", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_HeadsFileFromSubscriber_MatchedThenTruncationNamed()
    {
        var heads = new List<string>();
        using (var writer = _f.OpenWriter())
        {
            writer.Committed += h => heads.Add($$"""{"seq":{{h.Seq}},"hash":"{{h.Hash}}","at":"2026-09-14T10:00:00+00:00"}""");
            for (var i = 0; i < 12; i++)
            {
                writer.OnEvent(_f.Drone(LogFixture.T0.AddSeconds(i)), i, true);
            }
        }

        var file = Path.Combine(_f.Directory, "heads.jsonl");
        await File.WriteAllLinesAsync(file, heads);
        var (okCode, okOut, _) = await LogFixture.Run("log", "verify", "--db", _f.Db, "--heads", file);
        Execute("DELETE FROM journal WHERE seq > 9");

        var (code, _, err) = await LogFixture.Run("log", "verify", "--db", _f.Db, "--heads", file);

        Assert.Equal(0, okCode);
        Assert.Contains("12 recorded heads matched", okOut, StringComparison.Ordinal);
        Assert.Equal(1, code);
        Assert.Contains("BROKEN at seq 10", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_HeadsFileUnreadableLine_Usage()
    {
        _f.WriteEvents(2);
        var file = Path.Combine(_f.Directory, "heads.jsonl");
        await File.WriteAllTextAsync(file, "{\"seq\":1}\n");

        var (code, _, err) = await LogFixture.Run("log", "verify", "--db", _f.Db, "--heads", file);

        Assert.Equal(2, code);
        Assert.Contains("line 1", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_BadExpectHead_Usage()
    {
        var (code, _, _) = await LogFixture.Run("log", "verify", "--db", _f.Db, "--expect-head", "12:xyz");

        Assert.Equal(2, code);
    }

    private void Execute(string sql)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _f.Db, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
