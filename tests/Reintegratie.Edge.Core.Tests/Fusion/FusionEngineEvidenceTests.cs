using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Tests.Fusion;

public class FusionEngineEvidenceTests
{
    [Fact]
    public void Bodycam_OverlappingActiveAlertInZone_AttachedAsUpdate()
    {
        var h = new FusionHarness();
        h.Perimeter("hek-2", 0, PerimeterState.Alarm);

        var cam = h.Bodycam(20, "REC-001", start: -10, end: 5, zone: 1);

        Assert.Equal(["perimeter_breach:new", "perimeter_breach:update"], h.Sink.Sequence());
        var u = h.Sink.Changes[^1].After;
        Assert.Equal(["REC-001"], u.BodycamRecordings);
        Assert.Contains(cam.EventId, u.Evidence);
        Assert.Equal(FusionHarness.T0, u.LastSeen);
    }

    [Fact]
    public void Bodycam_SameRecordingTwice_NoSecondUpdate()
    {
        var h = new FusionHarness();
        h.Perimeter("hek-2", 0, PerimeterState.Alarm);
        h.Bodycam(20, "REC-001", start: -10, end: 5, zone: 1);

        h.Bodycam(25, "REC-001", start: -10, end: 5, zone: 1);

        Assert.Equal(2, h.Sink.Changes.Count);
    }

    [Fact]
    public void Bodycam_AdjacentZone_Attached()
    {
        var h = new FusionHarness();
        h.Perimeter("hek-2", 0, PerimeterState.Alarm);

        h.Bodycam(20, "REC-002", start: -10, end: 5, zone: 2);

        Assert.Equal(["REC-002"], h.Sink.Changes[^1].After.BodycamRecordings);
    }

    [Theory]
    [InlineData(4, 1, 5)]     // other zone, not adjacent
    [InlineData(1, 1, 0.5)]   // recording ended before the alert began
    public void Bodycam_NoOverlapInPlaceOrTime_NotAttached(int zone, double start, double end)
    {
        var h = new FusionHarness();
        h.Perimeter("hek-2", 2, PerimeterState.Alarm);

        h.Bodycam(20, "REC-003", start, end, zone);

        Assert.Single(h.Sink.Changes);
    }

    [Fact]
    public void Bodycam_AlertEndedRecently_AttachedKeepingEndedAt()
    {
        var h = new FusionHarness();
        h.Health("rid-1", 0, SensorStatus.Offline, "heartbeat_timeout");
        h.Drone("rid-1", 1, "D1", zone: 0);
        h.Ticks(2, 70);
        var ended = h.Sink.Changes[^1].After;
        Assert.Equal(AlertKind.DroneIncursion, ended.Kind);

        h.Bodycam(300, "REC-004", start: 0, end: 30, zone: 0);

        var u = h.Sink.Changes[^1];
        Assert.Equal(AlertChangeType.Update, u.Type);
        Assert.Equal(ended.Id, u.After.Id);
        Assert.Equal(ended.EndedAt, u.After.EndedAt);
        Assert.Equal(["REC-004"], u.After.BodycamRecordings);
    }
}
