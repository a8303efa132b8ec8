using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Fusion;

namespace Reintegratie.Edge.Core.Tests.Fusion;

public class FusionEngineDropScenarioTests
{
    [Fact]
    public void Drop_IncursionThenNetAlarmThenHandset_ExactSequenceWithLinks()
    {
        var h = new FusionHarness();

        h.Drone("rid-1", 0, "D1", zone: 0);                    // drone over north
        h.Perimeter("hek-2", 30, PerimeterState.Alarm);         // net alarm in east, adjacent, 30 s later
        h.Perimeter("hek-2", 31, PerimeterState.Normal);
        h.Ticks(32, 599);
        h.Handset(600, seed: 0xAB);                             // new handset in wing-b, 10 minutes later

        Assert.Equal(
            ["drone_incursion:new", "drone_drop_suspected:new", "drone_incursion:end", "drone_drop_suspected:end", "contraband_phone_suspected:new"],
            h.Sink.Sequence());
        var incursion = h.Sink.Changes[0].After;
        var drop = h.Sink.Changes[1].After;
        var phone = h.Sink.Changes[4].After;
        Assert.Equal(Severity.Critical, drop.Severity);
        Assert.Equal(["east", "north"], drop.Zones);
        Assert.Equal([incursion.Id], drop.LinkedAlerts);
        Assert.Equal("Vermoedelijke dropping bij Oosthek en Noordhek", drop.Title);
        Assert.Equal(["hek-2"], drop.Sensors);
        Assert.Equal(Severity.High, phone.Severity);
        Assert.Equal(["wing-b"], phone.Zones);
        Assert.Equal([drop.Id], phone.LinkedAlerts);
        Assert.Equal("Verdacht toestel na dropping in Afdeling B", phone.Title);
        Assert.StartsWith("handset k1:abababab", phone.Detail, StringComparison.Ordinal);
        Assert.Empty(h.Sink.Of(AlertKind.PerimeterBreach));
    }

    [Fact]
    public void Drop_AlarmAfterWindow_IsABreachNotADrop()
    {
        var h = new FusionHarness();
        h.Drone("rid-1", 0, "D1", zone: 0);

        h.Perimeter("hek-2", 121, PerimeterState.Alarm);

        Assert.Equal(["drone_incursion:new", "drone_incursion:end", "perimeter_breach:new"], h.Sink.Sequence());
    }

    [Fact]
    public void Drop_AlarmInNonAdjacentZone_IsABreachNotADrop()
    {
        var h = new FusionHarness();
        h.Drone("rid-1", 0, "D1", zone: 0);

        h.Perimeter("hek-5", 10, PerimeterState.Alarm); // yard: not next to north

        Assert.Equal(["drone_incursion:new", "perimeter_breach:new"], h.Sink.Sequence());
    }

    [Fact]
    public void Drop_SecondAlarmNearSameDrone_UpdatesTheSameDrop()
    {
        var h = new FusionHarness();
        h.Drone("rid-1", 0, "D1", zone: 0);
        h.Perimeter("hek-2", 10, PerimeterState.Alarm);

        h.Perimeter("net-1", 12, PerimeterState.Alarm);

        Assert.Equal(["drone_incursion:new", "drone_drop_suspected:new", "drone_drop_suspected:update"], h.Sink.Sequence());
        Assert.Equal(["hek-2", "net-1"], h.Sink.Changes[^1].After.Sensors);
    }

    [Fact]
    public void Contraband_HandsetAfterContrabandWindow_IsOnlyHandsetDetected()
    {
        var h = new FusionHarness();
        h.Drone("rid-1", 0, "D1", zone: 0);
        h.Perimeter("hek-2", 10, PerimeterState.Alarm);
        h.Perimeter("hek-2", 11, PerimeterState.Normal);

        h.Handset(10 + (31 * 60), seed: 1);

        var last = h.Sink.Changes[^1];
        Assert.Equal(AlertKind.HandsetDetected, last.After.Kind);
        Assert.Equal(Severity.Low, last.After.Severity);
        Assert.Equal("Toestel gedetecteerd in Afdeling B", last.After.Title);
        Assert.Empty(h.Sink.Of(AlertKind.ContrabandPhoneSuspected));
    }

    [Fact]
    public void Handset_NoDropAndHandsetAlertsOff_OnlyJournaled()
    {
        var h = new FusionHarness(new FusionOptions { HandsetAlerts = false });

        h.Handset(0, seed: 1);

        Assert.Empty(h.Sink.Changes);
    }

    [Fact]
    public void Handset_NotNewInZone_RaisesNothing()
    {
        var h = new FusionHarness();

        h.Handset(0, seed: 1, newInZone: false);

        Assert.Empty(h.Sink.Changes);
    }

    [Fact]
    public void Handset_ManyNewHandsetsInOneZone_OneAlertWithCount()
    {
        var h = new FusionHarness();

        for (var i = 0; i < 20; i++)
        {
            h.Handset(i * 0.5, seed: (byte)i);
        }

        h.Ticks(10, 20);

        Assert.Single(h.Sink.Changes, c => c.Type == AlertChangeType.New);
        Assert.Equal(20, h.Sink.Changes[^1].After.EvidenceCount);
    }
}
