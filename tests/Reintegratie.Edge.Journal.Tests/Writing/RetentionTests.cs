using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Journal.Storage;
using Reintegratie.Edge.Journal.Tests.Storage;
using Reintegratie.Edge.Journal.Verification;

namespace Reintegratie.Edge.Journal.Tests.Writing;

public sealed class RetentionTests : IDisposable
{
    private readonly JournalFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void RunRetention_OldHandsetEvents_PurgedThroughCheckpointAndChainVerifies()
    {
        var old = _f.Time.GetUtcNow();
        using var writer = _f.Open(o => o.Retention["handset"] = 28);
        writer.OnEvent(_f.Handset(old), 0, false);
        writer.OnEvent(_f.Drone(old), 1, false);
        writer.OnEvent(_f.Handset(old), 2, false);
        writer.OnEvent(_f.Handset(old), 3, false);
        writer.OnEvent(_f.Drone(old), 4, true);
        _f.Time.Advance(TimeSpan.FromDays(29));
        writer.OnEvent(_f.Handset(), 5, false);

        var purged = writer.RunRetention();

        Assert.Equal(3, purged);
        var rows = TestQueries.Rows(_f.Path);
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], rows.Select(r => r.Seq));
        Assert.Equal([1L, 3, 4], rows.Where(r => r.Payload is null).Select(r => r.Seq));
        Assert.Equal("checkpoint", rows[^1].Type);
        Assert.Contains("\"purged\":[[1,1],[3,4]]", rows[^1].Payload, StringComparison.Ordinal);
        var result = VerifyNow();
        Assert.True(result.Intact, result.Reason);
        Assert.Equal(3, result.PurgedRows);
    }

    [Fact]
    public void OnEvent_RetentionDue_PurgesAtEndOfBatch()
    {
        var old = _f.Time.GetUtcNow();
        using var writer = _f.Open(o => o.Retention["handset"] = 28);
        writer.OnEvent(_f.Handset(old), 0, true);
        _f.Time.Advance(TimeSpan.FromDays(29));

        writer.OnEvent(_f.Tick(), 1, true);

        Assert.Equal(["event", "checkpoint"], TestQueries.Rows(_f.Path).Select(r => r.Type));
        Assert.Null(TestQueries.Rows(_f.Path)[0].Payload);
        Assert.True(VerifyNow(writer.Head).Intact);
    }

    [Fact]
    public void RunRetention_Twice_InterleavedPurges_StillVerify()
    {
        var start = _f.Time.GetUtcNow();
        using var writer = _f.Open(o =>
        {
            o.Retention["handset"] = 28;
            o.Retention["drone"] = 60;
        });
        for (var i = 0; i < 30; i++)
        {
            writer.OnEvent(i % 3 == 0 ? _f.Drone(start) : _f.Handset(start), i, false);
        }

        writer.Flush();
        _f.Time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(20, writer.RunRetention());
        writer.OnEvent(_f.Drone(), 100, true);
        _f.Time.Advance(TimeSpan.FromDays(31));

        Assert.Equal(10, writer.RunRetention());

        var result = VerifyNow(writer.Head);
        Assert.True(result.Intact, result.Reason);
        Assert.Equal(33, result.RowsChecked);
        Assert.Equal(30, result.PurgedRows);
    }

    [Fact]
    public void RunRetention_BodycamLinkedToAlert_Kept()
    {
        var old = _f.Time.GetUtcNow();
        using var writer = _f.Open(o => o.Retention["bodycam"] = 28);
        var linked = _f.Bodycam("REC-LINKED", old);
        writer.OnEvent(linked, 0, false);
        writer.OnEvent(_f.Bodycam("REC-LOOSE", old), 1, false);
        var cause = _f.Drone(old);
        writer.OnAlertChange(JournalFixture.Change("01A", 2, AlertChangeType.Update, bodycams: ["REC-LINKED"]), cause.EventId);
        writer.OnEvent(cause, 2, true);
        _f.Time.Advance(TimeSpan.FromDays(40));

        Assert.Equal(1, writer.RunRetention());

        var rows = TestQueries.Rows(_f.Path);
        Assert.Contains(rows, r => r.Payload?.Contains("REC-LINKED", StringComparison.Ordinal) == true && r.Type == "event");
        Assert.DoesNotContain(rows, r => r.Payload?.Contains("REC-LOOSE", StringComparison.Ordinal) == true && r.Type == "event");
        Assert.True(VerifyNow().Intact);
    }

    [Fact]
    public void RunRetention_NothingExpired_NoCheckpoint()
    {
        using var writer = _f.Open(o => o.Retention["handset"] = 28);
        writer.OnEvent(_f.Handset(), 0, true);

        Assert.Equal(0, writer.RunRetention());
        Assert.Single(TestQueries.Rows(_f.Path));
    }

    [Fact]
    public void Verify_PayloadNulledWithoutCheckpoint_NamesThatSeq()
    {
        using (var writer = _f.Open())
        {
            for (var i = 0; i < 5; i++)
            {
                writer.OnEvent(_f.Handset(), i, i == 4);
            }
        }

        TestQueries.Execute(_f.Path, "UPDATE journal SET payload = NULL WHERE seq = 3");

        var result = VerifyNow();
        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBadSeq);
        Assert.Contains("no checkpoint", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SiteRetentionLongerThanCheckpointCutoff_RefusesThePurge()
    {
        var old = _f.Time.GetUtcNow();
        using (var writer = _f.Open(o => o.Retention["handset"] = 28))
        {
            writer.OnEvent(_f.Handset(old), 0, true);
            _f.Time.Advance(TimeSpan.FromDays(29));
            writer.RunRetention();
        }

        using var c = JournalDatabase.OpenReadOnly(_f.Path);
        var strict = JournalVerifier.Verify(c, new VerifyOptions { Retention = new Dictionary<string, double> { ["handset"] = 90 }, Now = _f.Time.GetUtcNow() });
        var matching = JournalVerifier.Verify(c, new VerifyOptions { Retention = new Dictionary<string, double> { ["handset"] = 28 }, Now = _f.Time.GetUtcNow() });

        Assert.False(strict.Intact);
        Assert.Contains("younger than the site's retention", strict.Reason, StringComparison.Ordinal);
        Assert.True(matching.Intact, matching.Reason);
    }

    [Fact]
    public void Verify_PurgeWithoutCheckpoint_StillDetected()
    {
        var old = _f.Time.GetUtcNow();
        using (var writer = _f.Open(o => o.Retention["handset"] = 28))
        {
            writer.OnEvent(_f.Handset(old), 0, false);
            writer.OnEvent(_f.Handset(old), 1, false);
            writer.OnEvent(_f.Drone(old), 2, false);
            writer.OnEvent(_f.Drone(old), 3, false);
            writer.OnEvent(_f.Drone(old), 4, true);
            _f.Time.Advance(TimeSpan.FromDays(29));
            writer.RunRetention();
        }

        TestQueries.Execute(_f.Path, "DELETE FROM journal WHERE seq = 4");

        var result = VerifyNow();
        Assert.False(result.Intact);
        Assert.Equal(4, result.FirstBadSeq);
    }

    private VerificationResult VerifyNow(JournalHead? head = null)
    {
        using var c = JournalDatabase.OpenReadOnly(_f.Path);
        return JournalVerifier.Verify(c, new VerifyOptions { ExpectHeads = head is null ? [] : [head], Now = _f.Time.GetUtcNow() });
    }
}
