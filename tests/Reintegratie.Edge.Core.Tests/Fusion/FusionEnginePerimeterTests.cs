using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Tests.Fusion;

public class FusionEnginePerimeterTests
{
    [Fact]
    public void Breach_ClimbAcrossAdjacentZones_OneAlertEscalatedThenEnded()
    {
        var h = new FusionHarness();

        h.Perimeter("hek-2", 0, PerimeterState.Alarm);
        h.Perimeter("hek-3", 4, PerimeterState.Alarm);
        h.Perimeter("hek-2", 5, PerimeterState.Normal);
        h.Perimeter("hek-3", 6, PerimeterState.Normal);
        h.Ticks(7, 130);

        Assert.Equal(["perimeter_breach:new", "perimeter_breach:update", "perimeter_breach:end"], h.Sink.Sequence());
        var first = h.Sink.Changes[0].After;
        var escalated = h.Sink.Changes[1].After;
        Assert.Equal(Severity.High, first.Severity);
        Assert.Equal("Doorbraak perimeter Oosthek", first.Title);
        Assert.Equal(first.Id, escalated.Id);
        Assert.Equal(Severity.Critical, escalated.Severity);
        Assert.Equal(["east", "south"], escalated.Zones);
        Assert.Equal("climb_or_cut_progression", escalated.Detail);
        Assert.Equal("Doorbraak perimeter Oosthek en Zuidhek", escalated.Title);
        Assert.Equal(FusionHarness.T0.AddSeconds(124), h.Sink.Changes[2].After.EndedAt);
    }

    [Fact]
    public void Breach_AdjacentAlarmAfterEscalationWindow_TwoAlerts()
    {
        var h = new FusionHarness();

        h.Perimeter("hek-2", 0, PerimeterState.Alarm);
        h.Perimeter("hek-3", 11, PerimeterState.Alarm);

        Assert.Equal(["perimeter_breach:new", "perimeter_breach:new"], h.Sink.Sequence());
    }

    [Fact]
    public void Breach_InputHeldInAlarm_DoesNotEnd()
    {
        var h = new FusionHarness();
        h.Perimeter("hek-2", 0, PerimeterState.Alarm);

        h.Ticks(1, 300);

        Assert.Equal(["perimeter_breach:new"], h.Sink.Sequence());
    }

    [Fact]
    public void Breach_ChatteringContact_OneAlertWithCount()
    {
        var h = new FusionHarness();

        for (var i = 0; i < 50; i++)
        {
            h.Perimeter("hek-2", i * 0.2, PerimeterState.Alarm);
            h.Perimeter("hek-2", (i * 0.2) + 0.1, PerimeterState.Normal);
        }

        h.Ticks(10, 20);

        Assert.Single(h.Sink.Changes, c => c.Type == AlertChangeType.New);
        Assert.Single(h.Sink.Changes.Select(c => c.After.Id).Distinct());
        Assert.InRange(h.Sink.Changes.Count, 2, 4);
        Assert.Equal(50, h.Sink.Changes[^1].After.EvidenceCount);
    }

    [Fact]
    public void Tamper_Storm_OneAlertWithCountEndedAfterRestore()
    {
        var h = new FusionHarness();

        for (var i = 0; i < 20; i++)
        {
            h.Perimeter("net-1", i * 0.25, PerimeterState.TamperOpen);
        }

        h.Perimeter("net-1", 6, PerimeterState.Normal);
        h.Ticks(7, 130);

        Assert.Equal(AlertKind.PerimeterTamper, h.Sink.Changes[0].After.Kind);
        Assert.Equal("Sabotage sensor net-1", h.Sink.Changes[0].After.Title);
        Assert.Equal("tamper_open", h.Sink.Changes[0].After.Detail);
        Assert.Single(h.Sink.Changes, c => c.Type == AlertChangeType.New);
        Assert.Equal(AlertChangeType.End, h.Sink.Changes[^1].Type);
        Assert.Equal(20, h.Sink.Changes[^1].After.EvidenceCount);
    }

    [Fact]
    public void Fault_PerimeterInput_RaisesMediumSensorFault()
    {
        var h = new FusionHarness();

        h.Perimeter("hek-3", 0, PerimeterState.Fault);

        var c = Assert.Single(h.Sink.Changes).After;
        Assert.Equal(AlertKind.SensorFault, c.Kind);
        Assert.Equal(Severity.Medium, c.Severity);
        Assert.Equal("Storing sensor hek-3", c.Title);
        Assert.Equal(["south"], c.Zones);
    }
}
