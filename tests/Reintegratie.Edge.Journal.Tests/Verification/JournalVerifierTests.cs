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

    [Fact]
    public void Verify_AlertPayloadsPurgedByForgedCheckpoint_RefusedAtFirstAlertRow()
    {
        var alertSeqs = WriteWithBreachAlert();
        var now = JournalTime.ToText(_f.Time.GetUtcNow().AddDays(1));
        TestQueries.Execute(_f.Path, $"UPDATE journal SET payload = NULL WHERE seq IN ({string.Join(',', alertSeqs)})");
        Forger.Append(_f.Path, now, "checkpoint", "retention",
            $$"""{"reason":"retention","rows":3,"kinds":{"perimeter_breach":3},"cutoffs":{"perimeter_breach":"{{now}}"},"purged":[{{string.Join(',', alertSeqs.Select(s => $"[{s},{s}]"))}}]}""");

        var result = Verify(now: _f.Time.GetUtcNow().AddDays(1));

        Assert.False(result.Intact);
        Assert.Equal(alertSeqs[0], result.FirstBadSeq);
        Assert.Contains("only event rows are ever purged", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AlertRowsDeletedAndChainRewritten_FailsAgainstRecordedHeads()
    {
        var heads = new List<JournalHead>();
        var alertSeqs = WriteWithBreachAlert(heads);
        TestQueries.Execute(_f.Path, $"DELETE FROM journal WHERE seq IN ({string.Join(',', alertSeqs)})");
        Forger.Rechain(_f.Path);

        var alone = Verify();
        using var c = JournalDatabase.OpenReadOnly(_f.Path);
        var withHeads = JournalVerifier.Verify(c, new VerifyOptions { ExpectHeads = heads, Now = _f.Time.GetUtcNow() });

        Assert.True(alone.Intact, "a rewritten chain is self-consistent: only archived heads can expose it");
        Assert.False(withHeads.Intact);
        Assert.Equal(alertSeqs[0], withHeads.FirstBadSeq);
    }

    [Fact]
    public void Verify_CheckpointDatedAfterVerifierClock_Refused()
    {
        Write(4);
        var future = _f.Time.GetUtcNow().AddDays(40);
        TestQueries.Execute(_f.Path, "UPDATE journal SET payload = NULL WHERE seq = 2");
        Forger.Append(_f.Path, JournalTime.ToText(future), "checkpoint", "retention",
            $$"""{"reason":"retention","rows":1,"kinds":{"perimeter":1},"cutoffs":{"perimeter":"{{JournalTime.ToText(future.AddDays(-1))}}"},"purged":[[2,2]]}""");

        var result = Verify();

        Assert.False(result.Intact);
        Assert.Equal(2, result.FirstBadSeq);
    }

    [Fact]
    public void Verify_EventYoungerThanForgedCutoff_RefusedNamingIt()
    {
        Write(4);
        var at = _f.Time.GetUtcNow();
        TestQueries.Execute(_f.Path, "UPDATE journal SET payload = NULL WHERE seq = 2");
        Forger.Append(_f.Path, JournalTime.ToText(at), "checkpoint", "retention",
            $$"""{"reason":"retention","rows":1,"kinds":{"perimeter":1},"cutoffs":{"perimeter":"{{JournalTime.ToText(at.AddDays(-1))}}"},"purged":[[2,2]]}""");

        var result = Verify();

        Assert.Equal(2, result.FirstBadSeq);
        Assert.Contains("retention did not allow it", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RecordedHeadsAllPresent_Intact()
    {
        var heads = new List<JournalHead>();
        WriteWithBreachAlert(heads);
        using var c = JournalDatabase.OpenReadOnly(_f.Path);

        var result = JournalVerifier.Verify(c, new VerifyOptions { ExpectHeads = heads, Now = _f.Time.GetUtcNow() });

        Assert.True(result.Intact, result.Reason);
        Assert.True(heads.Count >= 3);
    }

    [Fact]
    public void Verify_FormatOneJournal_RefusedClearly()
    {
        TestQueries.Execute(_f.Path, "CREATE TABLE journal (seq INTEGER PRIMARY KEY, at TEXT, type TEXT, payload TEXT NOT NULL, prev_hash BLOB, hash BLOB)");

        var result = Verify();
        var open = Assert.Throws<Core.Site.ConfigurationException>(() => _f.Open());

        Assert.False(result.Intact);
        Assert.Contains("format 1", result.Reason, StringComparison.Ordinal);
        Assert.Contains("Journal:Path", open.Message, StringComparison.Ordinal);
    }

    /// <summary>Events, then a perimeter_breach alert in three revisions, then more events; returns the alert rows' seqs.</summary>
    private long[] WriteWithBreachAlert(List<JournalHead>? heads = null)
    {
        using var writer = _f.Open();
        writer.Committed += h => heads?.Add(h);
        for (var i = 0; i < 3; i++)
        {
            writer.OnEvent(_f.Drone(), i, true);
        }

        var types = new[] { Core.Alerts.AlertChangeType.New, Core.Alerts.AlertChangeType.Update, Core.Alerts.AlertChangeType.End };
        for (var r = 1; r <= 3; r++)
        {
            var cause = _f.Perimeter();
            writer.OnAlertChange(JournalFixture.Change("01BREACH", r, types[r - 1], Core.Alerts.Severity.Critical, Core.Alerts.AlertKind.PerimeterBreach), cause.EventId);
            writer.OnEvent(cause, 10 + r, true);
        }

        for (var i = 0; i < 3; i++)
        {
            writer.OnEvent(_f.Drone(), 20 + i, true);
        }

        using var c = JournalDatabase.OpenReadOnly(_f.Path);
        using var q = c.CreateCommand();
        q.CommandText = "SELECT seq FROM journal WHERE alert_id = '01BREACH' ORDER BY seq";
        using var rd = q.ExecuteReader();
        var seqs = new List<long>();
        while (rd.Read())
        {
            seqs.Add(rd.GetInt64(0));
        }

        Assert.Equal(3, seqs.Count);
        return [.. seqs];
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

    private VerificationResult Verify(JournalHead? expect = null, DateTimeOffset? now = null)
    {
        using var c = JournalDatabase.OpenReadOnly(_f.Path);
        return JournalVerifier.Verify(c, new VerifyOptions { ExpectHeads = expect is null ? [] : [expect], Now = now ?? _f.Time.GetUtcNow() });
    }
}
