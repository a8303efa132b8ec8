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
        Assert.Equal([2L, 5, 6, 7], rows.Select(r => r.Seq));
        Assert.Equal("checkpoint", rows[^1].Type);
        Assert.Contains("\"purged\":[[1,1,", rows[^1].Payload, StringComparison.Ordinal);
        Assert.True(VerifyNow().Intact, VerifyNow().Reason);
    }

    [Fact]
    public void OnEvent_RetentionDue_PurgesAtEndOfBatch()
    {
        var old = _f.Time.GetUtcNow();
        using var writer = _f.Open(o => o.Retention["handset"] = 28);
        writer.OnEvent(_f.Handset(old), 0, true);
        _f.Time.Advance(TimeSpan.FromDays(29));

        writer.OnEvent(_f.Tick(), 1, true);

        Assert.Equal(["checkpoint"], TestQueries.Rows(_f.Path).Select(r => r.Type));
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
        Assert.Equal(3, result.RowsChecked);
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
        Assert.Contains(rows, r => r.Payload.Contains("REC-LINKED", StringComparison.Ordinal) && r.Type == "event");
        Assert.DoesNotContain(rows, r => r.Payload.Contains("REC-LOOSE", StringComparison.Ordinal) && r.Type == "event");
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
        return JournalVerifier.Verify(c, head);
    }
}
