using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Fusion;

namespace Reintegratie.Edge.Core.Tests.Fusion;

/// <summary>The zone_bypassed alert: every bypass is visible on the normal alert lifecycle and survives a restart.</summary>
public class FusionEngineBypassAlertTests
{
    private static OperatorCommand Bypass(DateTimeOffset until, string sender, string reason = "onderhoud hek") =>
        new() { Verb = CommandVerb.Bypass, Sender = sender, Zone = "east", Until = until, Reason = reason };

    [Fact]
    public void TwoApprovals_ZoneBypassedNewWithZoneUntilAndBothKeys_EndedAtExpiry()
    {
        var h = new FusionHarness();
        var until = FusionHarness.T0.AddHours(2);

        h.Command(0, Bypass(until, "anna"));
        Assert.Empty(h.Sink.Changes); // a request alone is not a bypass
        h.Command(30, Bypass(until, "bert"));
        h.Tick(7199);
        h.Tick(7200);

        Assert.Equal(["zone_bypassed:new", "zone_bypassed:end"], h.Sink.Sequence());
        var started = h.Sink.Changes[0].After;
        Assert.Equal(AlertKind.ZoneBypassed, started.Kind);
        Assert.Equal(["east"], started.Zones);
        Assert.Equal(FusionHarness.T0.AddSeconds(30), started.FirstSeen);
        Assert.Equal(until, started.Bypass!.Until);
        Assert.Equal(["anna", "bert"], started.Bypass.AuthorisedBy);
        Assert.Equal("onderhoud hek", started.Bypass.Reason);
        Assert.Equal(Severity.Medium, started.Severity);
        var ended = h.Sink.Changes[1].After;
        Assert.Equal(started.Id, ended.Id);
        Assert.Equal(until, ended.EndedAt);
        Assert.Empty(h.Engine.Active);
    }

    [Fact]
    public void Renewal_SameAlertUpdatedWithNewUntil()
    {
        var h = new FusionHarness(new FusionOptions { BypassApprovals = 1, BypassSeverity = Severity.High });

        h.Command(0, Bypass(FusionHarness.T0.AddHours(1), "anna"));
        h.Command(60, Bypass(FusionHarness.T0.AddHours(3), "bert", "langer onderhoud"));
        h.Tick(3600 + 1);

        Assert.Equal(["zone_bypassed:new", "zone_bypassed:update"], h.Sink.Sequence());
        var update = h.Sink.Changes[1];
        Assert.Equal(h.Sink.Changes[0].After.Id, update.After.Id);
        Assert.Equal(FusionHarness.T0.AddHours(3), update.After.Bypass!.Until);
        Assert.Equal(["bert"], update.After.Bypass.AuthorisedBy);
        Assert.Equal(Severity.High, update.After.Severity);
        Assert.Single(h.Engine.Active);
    }

    [Fact]
    public void Restart_ActiveBypassRestoredFromJournaledRevision_StillSuppressesAndEndsAtItsExpiry()
    {
        var first = new FusionHarness();
        var until = FusionHarness.T0.AddHours(1);
        first.Command(0, Bypass(until, "anna"));
        first.Command(1, Bypass(until, "bert"));
        // What the journal holds: the JSON of the last revision.
        var journaled = first.Engine.Active.Select(a => AlertJson.SnapshotFromUtf8(AlertJson.ToUtf8(a))!).ToList();

        var second = new FusionHarness();
        second.Engine.Restore(journaled);
        second.Perimeter("hek-2", 600, PerimeterState.Alarm); // still bypassed after the restart
        second.Tick(3600);
        second.Perimeter("hek-2", 3601, PerimeterState.Alarm);

        Assert.Equal(["zone_bypassed:end", "perimeter_breach:new"], second.Sink.Sequence());
        var end = second.Sink.Changes[0];
        Assert.Equal(journaled[0].Id, end.After.Id);
        Assert.Equal(journaled[0].Revision + 1, end.After.Revision);
        Assert.Equal(until, end.After.EndedAt);
        Assert.Equal(["anna", "bert"], end.After.Bypass!.AuthorisedBy);
        Assert.Contains(second.Sink.Notes, n => n.Kind == "suppressed_by_bypass");
    }

    [Fact]
    public void Restart_BypassExpiredWhileDown_EndedByFirstEvent()
    {
        var first = new FusionHarness(new FusionOptions { BypassApprovals = 1 });
        var until = FusionHarness.T0.AddMinutes(10);
        first.Command(0, Bypass(until, "anna"));

        var second = new FusionHarness(new FusionOptions { BypassApprovals = 1 });
        second.Engine.Restore(first.Engine.Active);
        second.Perimeter("hek-2", 3600, PerimeterState.Alarm);

        Assert.Equal(["zone_bypassed:end", "perimeter_breach:new"], second.Sink.Sequence());
        Assert.Equal(until, second.Sink.Changes[0].After.EndedAt);
    }

    [Theory]
    [InlineData("east")]
    [InlineData("gone-zone")]
    public void Restore_ZoneBypassedWithoutBypassOrZone_EndedAtTheFirstEventAndGrantsNothing(string zone)
    {
        var h = new FusionHarness();
        var bare = new AlertSnapshot
        {
            Id = "01JBYPASSNOSUMMARY0000000", Revision = 1, Kind = AlertKind.ZoneBypassed, Severity = Severity.Medium,
            Zones = [zone], Title = "t", FirstSeen = FusionHarness.T0, LastSeen = FusionHarness.T0,
        };

        h.Engine.Restore([bare]);
        h.Perimeter("hek-2", 10, PerimeterState.Alarm);

        Assert.Equal(["zone_bypassed:end", "perimeter_breach:new"], h.Sink.Sequence()); // a revision without its bypass grants none
        Assert.DoesNotContain(h.Engine.Active, a => a.Kind == AlertKind.ZoneBypassed);
    }
}
