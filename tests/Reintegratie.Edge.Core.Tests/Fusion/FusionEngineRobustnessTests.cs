using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Fusion;

namespace Reintegratie.Edge.Core.Tests.Fusion;

public class FusionEngineRobustnessTests
{
    [Theory]
    [InlineData(EventKind.DroneDetection)]
    [InlineData(EventKind.Perimeter)]
    [InlineData(EventKind.SensorHealth)]
    [InlineData(EventKind.Handset)]
    [InlineData(EventKind.Bodycam)]
    [InlineData(EventKind.Command)]
    [InlineData(EventKind.Gateway)]
    [InlineData(EventKind.Telemetry)]
    public void OnEvent_UnknownIndexesAndMissingPayload_NoException(EventKind kind)
    {
        var h = new FusionHarness();
        var e = new SensorEvent { EventId = 1 };
        e.SetHeader(new EventHeader(kind, SensorFamily.Unknown, 999, 777, FusionHarness.T0));
        e.Perimeter.State = PerimeterState.Alarm;
        e.Health.Status = SensorStatus.Offline;
        e.Handset.NewInZone = true;
        e.Drone.HasBearing = true;

        var ex = Record.Exception(() => h.Feed(e));

        Assert.Null(ex);
    }

    [Fact]
    public void Restore_ActiveAlerts_ContinuedWithSameIdsAndNextRevisions()
    {
        var first = new FusionHarness();
        first.Drone("rid-1", 0, "D1", zone: 0);
        first.Perimeter("hek-2", 0, PerimeterState.Alarm);
        first.Health("sap-1", 0, SensorStatus.Offline, "transport_closed");
        var active = first.Engine.Active.ToList();
        Assert.Equal(3, active.Count);

        var second = new FusionHarness();
        second.Engine.Restore(active);
        second.Drone("rid-1", 10, "D1", zone: 1);
        second.Health("sap-1", 11, SensorStatus.Online, "reporting");

        Assert.Equal(["drone_incursion:update", "sensor_offline:end"], second.Sink.Sequence());
        var incursion = active.Single(a => a.Kind == AlertKind.DroneIncursion);
        var offline = active.Single(a => a.Kind == AlertKind.SensorOffline);
        Assert.Equal(incursion.Id, second.Sink.Changes[0].After.Id);
        Assert.Equal(incursion.Revision + 1, second.Sink.Changes[0].After.Revision);
        Assert.Equal(incursion, second.Sink.Changes[0].Before);
        Assert.Equal(["north", "east"], second.Sink.Changes[0].After.Zones);
        Assert.Equal(offline.Id, second.Sink.Changes[1].After.Id);
        Assert.Equal(2, second.Engine.Active.Count);
    }

    [Fact]
    public void Restore_DroneNotSeenAgain_EndsAfterQuietPeriod()
    {
        var first = new FusionHarness();
        first.Drone("rid-1", 0, "D1", zone: 0);
        var second = new FusionHarness();

        second.Engine.Restore(first.Engine.Active);
        second.Ticks(30, 60);

        var end = Assert.Single(second.Sink.Changes);
        Assert.Equal(AlertChangeType.End, end.Type);
        Assert.Equal(first.Sink.Changes[0].After.Id, end.After.Id);
        Assert.Equal(2, end.After.Revision);
    }

    [Fact]
    public void Restore_EndedOrDuplicate_Skipped()
    {
        var first = new FusionHarness();
        first.Drone("rid-1", 0, "D1", zone: 0);
        var snap = first.Sink.Changes[0].After;
        var second = new FusionHarness();

        second.Engine.Restore([snap, snap, snap with { Id = "01ARYZ6S41TSV4RRFFQ69G5FAV", EndedAt = FusionHarness.T0 }]);

        Assert.Single(second.Engine.Active);
    }
}
