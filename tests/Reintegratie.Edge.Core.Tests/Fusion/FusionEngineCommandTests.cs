using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Fusion;

namespace Reintegratie.Edge.Core.Tests.Fusion;

public class FusionEngineCommandTests
{
    private static OperatorCommand Bypass(string? zone, DateTimeOffset? until, string? reason, string sender = "biv-console") =>
        new() { Verb = CommandVerb.Bypass, Sender = sender, Zone = zone, Until = until, Reason = reason };

    [Fact]
    public void Ack_ActiveAlert_UpdateWithAcknowledgedAndOkResult()
    {
        var h = new FusionHarness();
        h.Drone("rid-1", 0, "D1", zone: 0);
        var id = h.Sink.Changes[0].After.Id;

        var (_, result) = h.Command(5, new OperatorCommand { Verb = CommandVerb.Ack, Sender = "console-jdv", AlertId = id, Operator = "J. de Vries", Note = "team onderweg" });

        var u = h.Sink.Changes[^1];
        Assert.Equal(AlertChangeType.Update, u.Type);
        Assert.Equal(2, u.After.Revision);
        Assert.Null(u.Before!.Acknowledged);
        // The verified key id is the author; the operator name in the payload is only a claim.
        Assert.Equal(new Acknowledgement("console-jdv", FusionHarness.T0.AddSeconds(5), "team onderweg"), u.After.Acknowledged);
        Assert.Equal(new CommandResult(true, "acknowledged by console-jdv", id, 2), result);
        Assert.Contains(h.Sink.Notes, n => n.Kind == "command_result" && n.AlertId == id);
    }

    [Fact]
    public void Command_RefusedByTransport_NoEffectOnlyTheRefusalAnswered()
    {
        var h = new FusionHarness();
        h.Drone("rid-1", 0, "D1", zone: 0);
        var id = h.Sink.Changes[0].After.Id;
        var changes = h.Sink.Changes.Count;

        var (_, result) = h.Command(5, new OperatorCommand { Verb = CommandVerb.Ack, Sender = "unverified:mallory", AlertId = id, Refusal = "unknown key 'mallory'" });

        Assert.Equal(changes, h.Sink.Changes.Count);
        Assert.False(result!.Ok);
        Assert.Equal("unknown key 'mallory'", result.Message);
    }

    [Fact]
    public void Ack_UnknownId_RefusedWithoutChange()
    {
        var h = new FusionHarness();

        var (_, result) = h.Command(0, new OperatorCommand { Verb = CommandVerb.Ack, Sender = "biv-console", AlertId = "01ARYZ6S41TSV4RRFFQ69G5FAV" });

        Assert.False(result!.Ok);
        Assert.Contains("unknown alert", result!.Message, StringComparison.Ordinal);
        Assert.Empty(h.Sink.Changes);
        Assert.Contains(h.Sink.Notes, n => n.Kind == "command_result" && n.Detail.Contains("refused", StringComparison.Ordinal));
    }

    [Fact]
    public void Bypass_SuppressesAlertsInZoneUntilExpiryAndNotesStartAndEnd()
    {
        var h = new FusionHarness();
        var until = FusionHarness.T0.AddHours(1);

        var (_, requested) = h.Command(0, Bypass("east", until, "onderhoud hek", "anna"));
        var (_, result) = h.Command(0, Bypass("east", until, "onderhoud hek", "bert"));
        h.Perimeter("hek-2", 10, PerimeterState.Alarm);
        h.Perimeter("hek-2", 11, PerimeterState.Alarm);
        h.Perimeter("hek-3", 12, PerimeterState.Alarm); // south is not bypassed
        h.Perimeter("hek-3", 13, PerimeterState.Normal);
        h.Tick(3599);
        Assert.DoesNotContain(h.Sink.Notes, n => n.Kind == "bypass_ended");
        h.Tick(3600);
        h.Perimeter("hek-2", 3601, PerimeterState.Alarm);

        Assert.True(requested!.Ok);
        Assert.Contains("two-person rule", requested.Message, StringComparison.Ordinal);
        Assert.True(result!.Ok);
        Assert.Contains("authorised by anna,bert", result.Message, StringComparison.Ordinal);
        Assert.Equal(["zone_bypassed:new", "perimeter_breach:new", "perimeter_breach:end", "zone_bypassed:end", "perimeter_breach:new"], h.Sink.Sequence());
        Assert.Equal(["south"], h.Sink.Changes[1].After.Zones);
        Assert.Equal(["east"], h.Sink.Changes[4].After.Zones);
        Assert.Equal(["bypass_requested", "command_result", "bypass_started", "command_result", "suppressed_by_bypass", "bypass_ended"], h.Sink.Notes.Select(n => n.Kind).ToArray());
        Assert.Equal("east", h.Sink.Notes.Single(n => n.Kind == "bypass_ended").Zone);
    }

    [Fact]
    public void Bypass_SameKeyTwice_NeverStartsAndZoneStillAlerts()
    {
        var h = new FusionHarness();
        var until = FusionHarness.T0.AddHours(1);

        h.Command(0, Bypass("east", until, "onderhoud", "anna"));
        var (_, second) = h.Command(1, Bypass("east", until, "onderhoud", "anna"));
        h.Perimeter("hek-2", 10, PerimeterState.Alarm);

        Assert.False(second!.Ok);
        Assert.Contains("second, different key", second.Message, StringComparison.Ordinal);
        Assert.Equal(["perimeter_breach:new"], h.Sink.Sequence());
    }

    [Fact]
    public void Bypass_SecondKeyAfterApprovalWindow_OnlyANewRequest()
    {
        var h = new FusionHarness();
        var until = FusionHarness.T0.AddHours(1);

        h.Command(0, Bypass("east", until, "onderhoud", "anna"));
        var (_, late) = h.Command(11 * 60, Bypass("east", until, "onderhoud", "bert"));
        h.Perimeter("hek-2", (11 * 60) + 1, PerimeterState.Alarm);

        Assert.Contains("requested by bert", late!.Message, StringComparison.Ordinal);
        Assert.Equal(["perimeter_breach:new"], h.Sink.Sequence());
    }

    [Fact]
    public void Bypass_ActiveZone_TamperOfflineAndFaultStillAlert()
    {
        var h = new FusionHarness(new FusionOptions { BypassApprovals = 1 });
        h.Command(0, Bypass("east", FusionHarness.T0.AddHours(1), "onderhoud"));

        h.Perimeter("hek-2", 10, PerimeterState.TamperOpen);

        Assert.Equal(["zone_bypassed:new", "perimeter_tamper:new"], h.Sink.Sequence());
    }

    [Fact]
    public void Bypass_RenewalsPerDay_CappedThenRefused()
    {
        var h = new FusionHarness(new FusionOptions { BypassApprovals = 1, MaxBypassRenewalsPerDay = 2 });
        var results = new List<bool>();
        for (var i = 0; i < 4; i++)
        {
            results.Add(h.Command(i * 60, Bypass("east", FusionHarness.T0.AddHours(1 + i), "onderhoud")).Result!.Ok);
        }

        Assert.Equal([true, true, true, false], results); // start + 2 renewals
    }

    [Fact]
    public void Options_BypassLongerThan24Hours_Refused() =>
        Assert.Equal("Fusion:MaxBypassHours", Assert.Throws<Reintegratie.Edge.Core.Site.ConfigurationException>(() => new FusionOptions { MaxBypassHours = 48 }.Validate()).Key);

    public static TheoryData<string?, double?, string?, string> BadBypasses => new()
    {
        { "nowhere", 3600, "x", "unknown zone" },
        { "east", null, "x", "expiry" },
        { "east", 0, "x", "not after" },
        { "east", -60, "x", "not after" },
        { "east", (24 * 3600) + 1, "x", "more than 24 h" },
        { "east", 3600, " ", "reason" },
        { "east", 3600, null, "reason" },
    };

    [Theory]
    [MemberData(nameof(BadBypasses))]
    public void Bypass_InvalidRequest_RefusedAndZoneStillAlerts(string? zone, double? untilSeconds, string? reason, string expected)
    {
        var h = new FusionHarness();
        DateTimeOffset? until = untilSeconds is { } s ? FusionHarness.T0.AddSeconds(s) : null;

        var (_, result) = h.Command(0, Bypass(zone, until, reason));
        h.Perimeter("hek-2", 1, PerimeterState.Alarm);

        Assert.False(result!.Ok);
        Assert.Contains(expected, result!.Message, StringComparison.Ordinal);
        Assert.Equal(["perimeter_breach:new"], h.Sink.Sequence());
    }

    [Fact]
    public void Resync_CompletesOk()
    {
        var h = new FusionHarness();

        var (_, result) = h.Command(0, new OperatorCommand { Verb = CommandVerb.Resync, Sender = "biv-console" });

        Assert.True(result!.Ok);
    }

    [Fact]
    public void Command_WithoutCompletion_StillNotesResult()
    {
        var h = new FusionHarness();
        var e = h.New(EventKind.Command, null, 0);
        e.Attachment = new OperatorCommand { Verb = CommandVerb.Resync, Sender = "replay" };

        h.Feed(e);

        Assert.Single(h.Sink.Notes, n => n.Kind == "command_result");
    }
}
