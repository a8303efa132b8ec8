using Microsoft.Data.Sqlite;
using Reintegratie.Edge.Journal.Storage;
using Reintegratie.Edge.Journal.Tests.Storage;
using Reintegratie.Edge.Journal.Verification;

namespace Reintegratie.Edge.Journal.Tests.Verification;

public sealed class JournalVerifierTests : IDisposable
{
    private readonly JournalFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Verify_IntactJournal_OkWithRowCount()
    {
        var head = Write(20);

        var result = Verify();

        Assert.True(result.Intact, result.Reason);
        Assert.Equal(20, result.RowsChecked);
        Assert.Equal(head, result.Head);
    }

    [Fact]
    public void Verify_EmptyJournal_Ok()
    {
        _f.Open().Dispose();

        var result = Verify();

        Assert.True(result.Intact);
        Assert.Equal(0, result.RowsChecked);
    }

    [Fact]
    public void Verify_EditedPayload_NamesThatSeq()
    {
        Write(20);
        TestQueries.Execute(_f.Path, "UPDATE journal SET payload = replace(payload, 'TRK-7', 'TRK-8') WHERE seq = 7");

        var result = Verify();

        Assert.False(result.Intact);
        Assert.Equal(7, result.FirstBadSeq);
        Assert.Equal(6, result.RowsChecked);
    }

    [Fact]
    public void Verify_EditedColumn_NamesThatSeq()
    {
        Write(20);
        TestQueries.Execute(_f.Path, "UPDATE journal SET zone = 'Z2' WHERE seq = 12");

        Assert.Equal(12, Verify().FirstBadSeq);
    }

    [Fact]
    public void Verify_DeletedRow_NamesMissingSeq()
    {
        Write(20);
        TestQueries.Execute(_f.Path, "DELETE FROM journal WHERE seq = 9");

        var result = Verify();

        Assert.False(result.Intact);
        Assert.Equal(9, result.FirstBadSeq);
        Assert.Contains("missing", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SwappedRows_NamesFirstOfThem()
    {
        Write(20);
        TestQueries.Execute(_f.Path, "UPDATE journal SET seq = -1 WHERE seq = 5; UPDATE journal SET seq = 5 WHERE seq = 11; UPDATE journal SET seq = 11 WHERE seq = -1;");

        var result = Verify();

        Assert.False(result.Intact);
        Assert.Equal(5, result.FirstBadSeq);
    }

    [Fact]
    public void Verify_TruncatedTailWithExpectedHead_NamesFirstMissingSeq()
    {
        var head = Write(20);
        TestQueries.Execute(_f.Path, "DELETE FROM journal WHERE seq > 17");

        var without = Verify();
        var with = Verify(head);

        Assert.True(without.Intact);
        Assert.False(with.Intact);
        Assert.Equal(18, with.FirstBadSeq);
    }

    [Fact]
    public void Verify_ExpectedHeadHashDiffers_Fails()
    {
        var head = Write(5);
        var wrong = new JournalHead(head.Seq, new string('f', 64));

        var result = Verify(wrong);

        Assert.False(result.Intact);
        Assert.Equal(5, result.FirstBadSeq);
    }

    [Fact]
    public void Verify_RehashedAfterEdit_StillFailsOnLinkOfNextRow()
    {
        Write(10);
        // An editor who recomputes the edited row's own hash still breaks the next row's link.
        using (var c = _f.OpenRaw())
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE journal SET hash = zeroblob(32) WHERE seq = 4";
            cmd.ExecuteNonQuery();
        }

        var result = Verify();

        Assert.Equal(4, result.FirstBadSeq);
    }

    private JournalHead Write(int n)
    {
        using var writer = _f.Open();
        for (var i = 0; i < n; i++)
        {
            writer.OnEvent(i % 2 == 0 ? _f.Drone() : _f.Perimeter(), i, i == n - 1);
        }

        return writer.Head;
    }

    private VerificationResult Verify(JournalHead? expect = null)
    {
        using var c = JournalDatabase.OpenReadOnly(_f.Path);
        return JournalVerifier.Verify(c, expect);
    }
}
