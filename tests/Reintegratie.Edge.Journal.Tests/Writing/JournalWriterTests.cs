using System.Text.Json;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Journal.Storage;
using Reintegratie.Edge.Journal.Tests.Storage;

namespace Reintegratie.Edge.Journal.Tests.Writing;

public sealed class JournalWriterTests : IDisposable
{
    private readonly JournalFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void OnEvent_Command_JournaledCompletesOnlyWithTheCommitThatMakesItDurable()
    {
        using var writer = _f.Open();
        var command = _f.Command("01ALERT");
        var journaled = ((Reintegratie.Edge.Core.Events.OperatorCommand)command.Attachment!).Journaled!.Task;

        writer.OnEvent(command, 0, false);
        Assert.False(journaled.IsCompleted, "written but not committed: the sender must not be acknowledged yet");
        writer.OnEvent(_f.Perimeter(), 1, true);

        Assert.True(journaled.IsCompletedSuccessfully);
        Assert.Equal("command", TestQueries.Rows(_f.Path)[0].Kind);
    }

    [Fact]
    public void OnEvent_EveryKind_WritesOneRowEachWithPayload()
    {
        using (var writer = _f.Open())
        {
            writer.OnEvent(_f.Drone(), 0, false);
            writer.OnEvent(_f.Perimeter(), 1, false);
            writer.OnEvent(_f.Handset(), 2, false);
            writer.OnEvent(_f.Bodycam("REC-1"), 3, false);
            writer.OnEvent(_f.Command("01ALERT"), 4, true);
        }

        var rows = TestQueries.Rows(_f.Path);
        Assert.Equal(["drone", "perimeter", "handset", "bodycam", "command"], rows.Select(r => r.Kind));
        Assert.Equal([1L, 2, 3, 4, 5], rows.Select(r => r.Seq));
        Assert.Equal("command", rows[4].Type);
        using var drone = JsonDocument.Parse(rows[0].Payload!);
        Assert.Equal("1581F5FKD229400DF", drone.RootElement.GetProperty("uas_id").GetString());
        Assert.Equal(42.5, drone.RootElement.GetProperty("alt_m").GetDouble());
        Assert.Equal(JsonValueKind.Null, drone.RootElement.GetProperty("speed_mps").ValueKind);
        Assert.Equal("uav_rotary_wing", drone.RootElement.GetProperty("classification").GetString());
        using var handset = JsonDocument.Parse(rows[2].Payload!);
        Assert.Equal("k3:ab000000000000000000000000000000", handset.RootElement.GetProperty("imsi").GetString());
        Assert.Equal(JsonValueKind.Null, handset.RootElement.GetProperty("imei").ValueKind);
        using var command = JsonDocument.Parse(rows[4].Payload!);
        Assert.Equal("ack", command.RootElement.GetProperty("verb").GetString());
        Assert.False(command.RootElement.TryGetProperty("completion", out _));
    }

    [Fact]
    public void OnEvent_CauseWithAlertAndNote_WritesEventThenCausedRowsInOneCommit()
    {
        using var writer = _f.Open();
        var drone = _f.Drone();
        writer.OnAlertChange(JournalFixture.Change("01A", 1, AlertChangeType.New), drone.EventId);
        writer.OnNote(new JournalNote("bypass_started", drone.At, "Z2", "maintenance"), drone.EventId);
        var later = _f.Perimeter();
        writer.OnAlertChange(JournalFixture.Change("01B", 1, AlertChangeType.New), later.EventId);

        writer.OnEvent(drone, 0, true);

        var rows = TestQueries.Rows(_f.Path);
        Assert.Equal(["event", "alert", "note"], rows.Select(r => r.Type));
        Assert.Equal(3, writer.Head.Seq);

        writer.OnEvent(later, 1, true);
        Assert.Equal(["event", "alert", "note", "event", "alert"], TestQueries.Rows(_f.Path).Select(r => r.Type));
    }

    [Fact]
    public void OnEvent_Tick_NoRowButDrainsCausedChanges()
    {
        using var writer = _f.Open();
        var tick = _f.Tick();
        writer.OnAlertChange(JournalFixture.Change("01A", 2, AlertChangeType.End), tick.EventId);

        writer.OnEvent(tick, 0, true);

        var rows = TestQueries.Rows(_f.Path);
        Assert.Single(rows);
        Assert.Equal("alert", rows[0].Type);
        Assert.Equal("drone_incursion", rows[0].Kind);
    }

    [Fact]
    public void Head_AfterCommit_IsNewestSeqAndHash()
    {
        using var writer = _f.Open();
        Assert.Equal(0, writer.Head.Seq);
        writer.OnEvent(_f.Drone(), 0, false);
        Assert.Equal(0, writer.Head.Seq);

        writer.OnEvent(_f.Drone(), 1, true);

        using var c = _f.OpenRaw();
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT hash FROM journal WHERE seq = 2";
        Assert.Equal(Convert.ToHexStringLower((byte[])cmd.ExecuteScalar()!), writer.Head.Hash);
        Assert.Equal(2, writer.Head.Seq);
    }

    [Fact]
    public void Open_Reopened_ContinuesChainAndEventIds()
    {
        using (var writer = _f.Open())
        {
            Assert.Equal(1, writer.NextEventId);
            _f.NextId = 41;
            writer.OnEvent(_f.Drone(), 0, true);
        }

        using (var writer = _f.Open())
        {
            Assert.Equal(42, writer.NextEventId);
            Assert.Equal(1, writer.Head.Seq);
            writer.OnEvent(_f.Drone(), 1, true);
            Assert.Equal(2, writer.Head.Seq);
        }
    }

    [Fact]
    public void OnEvent_MoreThanMaxBatch_CommitsMidBatch()
    {
        using var writer = _f.Open(o => o.MaxBatch = 3);

        for (var i = 0; i < 7; i++)
        {
            writer.OnEvent(_f.Drone(), i, false);
        }

        Assert.Equal(6, writer.Head.Seq);
        Assert.Equal(6, TestQueries.Rows(_f.Path).Count);
    }

    [Fact]
    public void LoadActiveAlerts_AfterReopen_HasLatestRevisionOfAlertsNotEnded()
    {
        using (var writer = _f.Open())
        {
            var e = _f.Drone();
            writer.OnAlertChange(JournalFixture.Change("01A", 1, AlertChangeType.New), e.EventId);
            writer.OnAlertChange(JournalFixture.Change("01B", 1, AlertChangeType.New), e.EventId);
            writer.OnAlertChange(JournalFixture.Change("01A", 2, AlertChangeType.Update), e.EventId);
            writer.OnAlertChange(JournalFixture.Change("01B", 2, AlertChangeType.End), e.EventId);
            writer.OnEvent(e, 0, true);
        }

        using var reopened = _f.Open();
        var active = reopened.LoadActiveAlerts();

        var only = Assert.Single(active);
        Assert.Equal(("01A", 2), (only.Id, only.Revision));
    }

    [Fact]
    public void Open_CorruptFile_MovedAsideAndNewJournalStarted()
    {
        File.WriteAllBytes(_f.Path, [.. "SQLite format 3\0"u8, .. new byte[4000]]);

        using var writer = _f.Open();

        Assert.NotNull(writer.Recovery);
        Assert.True(File.Exists(writer.Recovery!.MovedTo));
        Assert.Contains(".corrupt-20260914T100000Z", writer.Recovery.MovedTo, StringComparison.Ordinal);
        writer.OnEvent(_f.Drone(), 0, true);
        Assert.Equal(1, writer.Head.Seq);
    }

    [Fact]
    public void Open_DamagedPage_MovedAside()
    {
        using (var writer = _f.Open())
        {
            for (var i = 0; i < 2000; i++)
            {
                writer.OnEvent(_f.Drone(), i, false);
            }

            writer.Flush();
        }

        var bytes = File.ReadAllBytes(_f.Path);
        for (var i = 4096 * 3; i < 4096 * 5; i++)
        {
            bytes[i] = 0x5A;
        }

        File.WriteAllBytes(_f.Path, bytes);

        using var reopened = _f.Open();

        Assert.NotNull(reopened.Recovery);
        Assert.Equal(0, reopened.Head.Seq);
    }

    [Fact]
    public void Open_HealthyFile_NoRecovery()
    {
        using (var writer = _f.Open())
        {
            writer.OnEvent(_f.Drone(), 0, true);
        }

        using var reopened = _f.Open();

        Assert.Null(reopened.Recovery);
    }

    [Fact]
    public void AlertRow_Columns_CarryAlertIdRevisionSeverityAndCause()
    {
        using var writer = _f.Open();
        var e = _f.Perimeter();
        writer.OnAlertChange(JournalFixture.Change("01P", 3, AlertChangeType.Update, Severity.Critical, AlertKind.PerimeterBreach), e.EventId);

        writer.OnEvent(e, 0, true);

        using var c = _f.OpenRaw();
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT alert_id, revision, severity, kind, event_id, zone, sensor FROM journal WHERE type = 'alert'";
        using var r = cmd.ExecuteReader();
        Assert.True(r.Read());
        Assert.Equal(("01P", 3L, "critical", "perimeter_breach", e.EventId, "Z1", "rid-1"),
            (r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetString(5), r.GetString(6)));
    }
}
