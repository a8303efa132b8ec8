using Reintegratie.Edge.Journal.Storage;
using Reintegratie.Edge.Journal.Verification;

namespace Reintegratie.Edge.Journal.Tests.Storage;

public sealed class JournalSchemaTests : IDisposable
{
    private readonly JournalFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Open_JournalWithTheOldTimeIndex_IndexDroppedRowsUnchangedChainVerifies()
    {
        JournalHead before;
        using (var writer = _f.Open())
        {
            writer.OnEvent(_f.Drone(), 0, false);
            writer.OnEvent(_f.Command("01ALERT"), 1, true);
            before = writer.Head;
        }

        TestQueries.Execute(_f.Path, "DROP INDEX journal_command_at; CREATE INDEX journal_at ON journal(at);"); // as journals before 2026-12-06
        Assert.Equal(["journal_alert", "journal_at"], Indexes());

        using (var writer = _f.Open())
        {
            Assert.Equal(before, writer.Head);
        }

        Assert.Equal(["journal_alert", "journal_command_at"], Indexes());
        using var c = _f.OpenReadOnly();
        var result = JournalVerifier.Verify(c, before);
        Assert.True(result.Intact, result.Reason);
        Assert.Equal(2, result.RowsChecked);
    }

    [Fact]
    public void CommandRowsSince_TheNoncesQueryShape_UsesTheCommandIndexNotAScan()
    {
        using (var writer = _f.Open())
        {
            writer.OnEvent(_f.Drone(), 0, false);
            writer.OnEvent(_f.Command("01ALERT"), 1, true);
        }

        using var c = _f.OpenReadOnly();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "EXPLAIN QUERY PLAN SELECT payload FROM journal WHERE type = 'command' AND at >= '2026-01-01' AND payload IS NOT NULL;";
        using var r = cmd.ExecuteReader();
        var plan = new List<string>();
        while (r.Read())
        {
            plan.Add(r.GetString(3));
        }

        Assert.Contains(plan, p => p.Contains("USING INDEX journal_command_at", StringComparison.Ordinal));
    }

    private List<string> Indexes()
    {
        using var c = _f.OpenReadOnly();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'journal' ORDER BY name;";
        using var r = cmd.ExecuteReader();
        var names = new List<string>();
        while (r.Read())
        {
            names.Add(r.GetString(0));
        }

        return names;
    }
}
