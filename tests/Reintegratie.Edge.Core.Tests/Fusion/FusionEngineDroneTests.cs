using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Fusion;

namespace Reintegratie.Edge.Core.Tests.Fusion;

public class FusionEngineDroneTests
{
    [Fact]
    public void Drone_InZone_RaisesOneHighIncursionWithDroneDetails()
    {
        var h = new FusionHarness();

        h.Drone("rid-1", 0, "D1", zone: 0);

        var c = Assert.Single(h.Sink.Changes);
        Assert.Equal(AlertChangeType.New, c.Type);
        Assert.Null(c.Before);
        Assert.Equal(AlertKind.DroneIncursion, c.After.Kind);
        Assert.Equal(Severity.High, c.After.Severity);
        Assert.Equal(1, c.After.Revision);
        Assert.Equal(["north"], c.After.Zones);
        Assert.Equal("Drone boven Noordhek", c.After.Title);
        Assert.Equal(["rid-1"], c.After.Sensors);
        Assert.Equal("D1", c.After.Drone!.TrackId);
        Assert.Equal(40, c.After.Drone.AltM);
        Assert.Equal(["remote_id"], c.After.Drone.Sources);
        Assert.Equal("uav_rotary_wing", c.After.Drone.Classification);
        Assert.Single(h.Engine.Active);
    }

    [Fact]
    public void Drone_OutsideGeofence_RaisesNothing()
    {
        var h = new FusionHarness();

        h.Drone("rid-1", 0, "D1", zone: 0, offsetLat: 0.1);

        Assert.Empty(h.Sink.Changes);
    }

    [Fact]
    public void Drone_QuietPeriod_EndsIncursionAtLastSeenPlusQuiet()
    {
        var h = new FusionHarness();
        for (var t = 0; t <= 10; t++)
        {
            h.Drone("rid-1", t, "D1", zone: 0);
        }

        h.Ticks(11, 69);
        Assert.DoesNotContain(h.Sink.Changes, c => c.Type == AlertChangeType.End);

        h.Tick(70);

        var end = h.Sink.Changes[^1];
        Assert.Equal(AlertChangeType.End, end.Type);
        Assert.Equal(FusionHarness.T0.AddSeconds(70), end.After.EndedAt);
        Assert.Equal(end.Before!.Revision + 1, end.After.Revision);
        Assert.Empty(h.Engine.Active);
    }

    [Fact]
    public void Drone_HoveringStorm_OneAlertWithCountAndRateLimitedUpdates()
    {
        var h = new FusionHarness();

        for (var i = 0; i < 300; i++)
        {
            h.Drone("rid-1", i * 0.1, "D1", zone: 0, offsetLat: i * 1e-7);
        }

        h.Ticks(30, 40);

        Assert.Single(h.Sink.Changes, c => c.Type == AlertChangeType.New);
        Assert.Single(h.Sink.Changes.Select(c => c.After.Id).Distinct());
        Assert.InRange(h.Sink.Changes.Count(c => c.Type == AlertChangeType.Update), 1, 7);
        Assert.Equal(300, h.Sink.Changes[^1].After.EvidenceCount);
        Assert.Equal(50, h.Sink.Changes[^1].After.Evidence.Count);
    }

    [Fact]
    public void Drone_MovesToNewZone_UpdatesAtOnceWithZoneAdded()
    {
        var h = new FusionHarness();
        h.Drone("rid-1", 0, "D1", zone: 0);

        h.Drone("rid-1", 1, "D1", zone: 1);

        var u = h.Sink.Changes[^1];
        Assert.Equal(AlertChangeType.Update, u.Type);
        Assert.Equal(["north", "east"], u.After.Zones);
        Assert.Equal("Drone boven Noordhek en Oosthek", u.After.Title);
        Assert.Equal(2, u.After.Revision);
        Assert.Equal(1, u.Before!.Revision);
    }

    [Fact]
    public void Drone_RemoteIdAndSapientNearby_CorrelateIntoOneAlertWithBothSources()
    {
        var h = new FusionHarness();
        h.Drone("rid-1", 0, "UAS-1", zone: 0);

        h.Drone("sap-1", 2, "obj-77", zone: 0, offsetLat: 0.0003); // about 33 m away

        Assert.Single(h.Sink.Changes, c => c.Type == AlertChangeType.New);
        var u = h.Sink.Changes[^1];
        Assert.Equal(["remote_id", "sapient"], u.After.Drone!.Sources);
        Assert.Equal(["rid-1", "sap-1"], u.After.Sensors);
    }

    [Fact]
    public void Drone_SameFamilyFarApart_TwoAlerts()
    {
        var h = new FusionHarness();
        h.Drone("rid-1", 0, "A", zone: 0);

        h.Drone("rid-1", 1, "B", zone: 4);

        Assert.Equal(2, h.Sink.Changes.Count(c => c.Type == AlertChangeType.New));
    }

    [Fact]
    public void Drone_BearingOnly_UsesSectorZone()
    {
        var h = new FusionHarness();
        var e = h.New(EventKind.DroneDetection, "rf-1", 0);
        e.Drone = DroneData.Unknown;
        e.Drone.TrackKey = 7;
        e.Drone.HasBearing = true;
        e.Drone.BearingDeg = 45;
        e.Drone.Classification = DroneClass.UavTransmitter;

        h.Feed(e);

        var c = Assert.Single(h.Sink.Changes);
        Assert.Equal(["north"], c.After.Zones);
        Assert.Equal(45, c.After.Drone!.BearingDeg);
    }

    [Fact]
    public void Drone_RemoteIdWithOperator_SummaryCarriesPilotPosition()
    {
        var h = new FusionHarness();
        var e = h.New(EventKind.DroneDetection, "rid-1", 0);
        e.Drone = DroneData.Unknown;
        e.Drone.TrackKey = 9;
        e.Drone.UasId = FixedAscii32.From("1581F5FJD23AB00C0001");
        e.Drone.HasPosition = true;
        (e.Drone.Latitude, e.Drone.Longitude) = FusionTestSite.Centre(1);
        e.Drone.HasOperator = true;
        e.Drone.OperatorLatitude = 51.01;
        e.Drone.OperatorLongitude = 5.02;
        e.Drone.SpeedMps = 4.5f;
        e.Drone.HeadingDeg = 270;

        h.Feed(e);

        var d = Assert.Single(h.Sink.Changes).After.Drone!;
        Assert.Equal("1581F5FJD23AB00C0001", d.UasId);
        Assert.Equal(51.01, d.OperatorLat);
        Assert.Equal(5.02, d.OperatorLon);
        Assert.Equal(4.5, d.SpeedMps);
        Assert.Equal(270, d.HeadingDeg);
    }

    [Fact]
    public void Drone_SpoofSuspected_AlertRaisedAndCarriesTheReasons()
    {
        var h = new FusionHarness();
        var e = h.New(EventKind.DroneDetection, "rid-1", 0);
        e.Drone = DroneData.Unknown;
        e.Drone.TrackKey = 10;
        e.Drone.UasId = FixedAscii32.From("FAKE-0001");
        e.Drone.HasPosition = true;
        (e.Drone.Latitude, e.Drone.Longitude) = FusionTestSite.Centre(1);
        e.Drone.Spoof = SpoofReasons.ManyIdsOneMac | SpoofReasons.SpeedJump;

        h.Feed(e);

        var d = Assert.Single(h.Sink.Changes).After.Drone!;
        Assert.True(d.SpoofSuspected);
        Assert.Equal("speed_jump,many_ids_one_mac", d.SpoofReason);
    }

    [Fact]
    public void Drone_FoldedFlood_OneAlertWithTheIdCountAndABoundedSample()
    {
        var h = new FusionHarness();
        for (var i = 0; i <= 50; i++)
        {
            var e = h.New(EventKind.DroneDetection, "rid-1", i < 50 ? 0 : 10); // 50 ids at once, one 10 s later
            e.Drone = DroneData.Unknown;
            e.Drone.TrackKey = 66; // the transmitter's folded track: one key for all its ids
            e.Drone.TrackId = FixedAscii32.From("66:66:66:66:66:66");
            e.Drone.UasId = FixedAscii32.From($"FAKE-{i}");
            e.Drone.HasPosition = true;
            (e.Drone.Latitude, e.Drone.Longitude) = FusionTestSite.Centre(1);
            e.Drone.Spoof = SpoofReasons.ManyIdsOneMac;
            e.Drone.SpoofIdCount = i + 1;
            h.Feed(e);
        }

        // One alert; the ids after the first only touch it, so revisions come at the update rate, not per id.
        Assert.Equal(2, h.Sink.Changes.Count);
        Assert.Single(h.Sink.Changes.Select(c => c.After.Id).Distinct());
        var first = h.Sink.Changes[0].After.Drone!;
        Assert.True(first.SpoofSuspected);
        Assert.Equal(1, first.SpoofIdCount);
        Assert.Equal(["FAKE-0"], first.SpoofIdSample);
        var last = h.Sink.Changes[1].After.Drone!;
        Assert.Equal(50, last.SpoofIdCount); // the pending revision, published by the sweep at 10 s
        Assert.Equal(Enumerable.Range(0, DroneTrack.SpoofSampleSize).Select(i => $"FAKE-{i}"), last.SpoofIdSample);
        Assert.Equal("FAKE-49", last.UasId);
    }

    [Fact]
    public void Drone_TracksOverCapacity_OldestSuspectEndedFirstPlausibleKept()
    {
        var h = new FusionHarness(new FusionOptions { TrackCapacity = 2 });
        Feed(h, key: 1, "REAL-1", SpoofReasons.None, seconds: 0);
        Feed(h, key: 2, "FAKE-A", SpoofReasons.CounterReplay, seconds: 1);
        Feed(h, key: 3, "FAKE-B", SpoofReasons.CounterReplay, seconds: 2);
        Feed(h, key: 4, "FAKE-C", SpoofReasons.CounterReplay, seconds: 3);

        Assert.Equal(2, h.Engine.EvictedSuspectDrones);
        var ended = h.Sink.Changes.Where(c => c.Type == AlertChangeType.End).Select(c => c.After.Drone!.UasId).ToList();
        Assert.Equal(["FAKE-A", "FAKE-B"], ended); // the real drone, though oldest, keeps its alert
        Assert.Equal(4, h.Sink.Changes.Count(c => c.Type == AlertChangeType.New)); // every track raised its alert first

        static void Feed(FusionHarness h, ulong key, string uas, SpoofReasons spoof, double seconds)
        {
            var e = h.New(EventKind.DroneDetection, "rid-1", seconds);
            e.Drone = DroneData.Unknown;
            e.Drone.TrackKey = key;
            e.Drone.UasId = FixedAscii32.From(uas);
            e.Drone.HasPosition = true;
            (e.Drone.Latitude, e.Drone.Longitude) = FusionTestSite.Centre(1);
            e.Drone.Spoof = spoof;
            h.Feed(e);
        }
    }

    [Fact]
    public void Drone_NotSuspected_SpoofFalseAndNoReason()
    {
        var h = new FusionHarness();
        h.Drone("rid-1", 0, "D1", zone: 0);

        var d = Assert.Single(h.Sink.Changes).After.Drone!;
        Assert.False(d.SpoofSuspected);
        Assert.Null(d.SpoofReason);
        Assert.Null(d.SpoofIdCount);
        Assert.Null(d.SpoofIdSample);
    }

    [Fact]
    public void Drone_ClassifiedOther_RaisesNothing()
    {
        var h = new FusionHarness();
        var e = h.New(EventKind.DroneDetection, "sap-1", 0, zone: 0);
        e.Drone = DroneData.Unknown;
        e.Drone.Classification = DroneClass.Other;

        h.Feed(e);

        Assert.Empty(h.Sink.Changes);
    }
}
