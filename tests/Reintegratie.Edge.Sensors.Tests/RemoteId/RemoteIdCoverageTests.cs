using Microsoft.Extensions.Time.Testing;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Sensors.Tests.Transports;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId;

public class RemoteIdCoverageTests
{
    // Two receivers about 1 km apart on the test site's "north" zone; the drone flies between them.
    private static readonly RemoteIdReceiverSite s_a = new(0, 51.662, 5.285, 1500);
    private static readonly RemoteIdReceiverSite s_b = new(1, 51.668, 5.295, 1500);
    private const double DroneLat = 51.665;
    private const double DroneLon = 5.29;
    private static readonly long s_t0 = new DateTime(2026, 12, 6, 10, 0, 0, DateTimeKind.Utc).Ticks;
    private readonly HashSet<int> _offline = [];

    [Fact]
    public void ForSite_OneReceiver_Off()
    {
        Assert.Null(RemoteIdCoverage.ForSite([s_a], _ => true, RemoteIdCoverage.DefaultWindow));
        Assert.NotNull(RemoteIdCoverage.ForSite([s_a, s_b], _ => true, RemoteIdCoverage.DefaultWindow));
    }

    [Fact]
    public void Observe_OtherReceiverInRangeHearsIt_NeverFlagged()
    {
        var coverage = Create();
        var flags = new List<bool>();

        for (var s = 0; s <= 10; s++)
        {
            flags.Add(coverage.Observe(0, 42, DroneLat, DroneLon, At(s)));
            flags.Add(coverage.Observe(1, 42, DroneLat, DroneLon, At(s + 0.2)));
        }

        Assert.DoesNotContain(true, flags);
    }

    [Fact]
    public void Observe_OtherReceiverInRangeSilentForTheWindow_Flagged()
    {
        var coverage = Create();

        var early = Enumerable.Range(0, 5).Select(s => coverage.Observe(0, 42, DroneLat, DroneLon, At(s))).ToList();
        var late = coverage.Observe(0, 42, DroneLat, DroneLon, At(5));

        Assert.DoesNotContain(true, early); // the other receiver had time to hear it
        Assert.True(late);
        Assert.Equal(1, coverage.Flagged);
    }

    [Fact]
    public void Observe_OtherReceiverOutOfRange_NotFlagged()
    {
        var coverage = new RemoteIdCoverage([s_a, s_b with { RangeM = 100 }], _ => true, RemoteIdCoverage.DefaultWindow);

        var flags = Enumerable.Range(0, 10).Select(s => coverage.Observe(0, 42, DroneLat, DroneLon, At(s))).ToList();

        Assert.DoesNotContain(true, flags);
    }

    [Fact]
    public void Observe_OtherReceiverOffline_NotFlagged()
    {
        var coverage = Create();
        _offline.Add(1);

        var flags = Enumerable.Range(0, 10).Select(s => coverage.Observe(0, 42, DroneLat, DroneLon, At(s))).ToList();

        Assert.DoesNotContain(true, flags);
    }

    [Fact]
    public void Observe_ReceiverWithoutPositionOrRange_TakesNoPart()
    {
        var coverage = Create();

        var flags = Enumerable.Range(0, 10).Select(s => coverage.Observe(7, 42, DroneLat, DroneLon, At(s))).ToList();

        Assert.DoesNotContain(true, flags);
    }

    [Fact]
    public void Observe_OtherHeardItLongAgoOnly_FlaggedAfterANewWindow()
    {
        var coverage = Create();
        coverage.Observe(1, 42, DroneLat, DroneLon, At(0));

        var soon = coverage.Observe(0, 42, DroneLat, DroneLon, At(30));
        var afterWindow = coverage.Observe(0, 42, DroneLat, DroneLon, At(35));

        Assert.False(soon);
        Assert.True(afterWindow);
    }

    [Fact]
    public void Assembler_DroneHeardByOneOfTwoReceivers_SingleReceiverFlagOnlyOnIt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(s_t0, TimeSpan.Zero));
        var sink = new CollectingEventSink();
        var coverage = Create();
        var site = TestSite.Build(SensorFamily.RemoteId);
        var a = new RemoteIdTrackAssembler(site, sink, 0, TimeSpan.FromSeconds(30), coverage: coverage);
        var b = new RemoteIdTrackAssembler(site, sink, 1, TimeSpan.FromSeconds(30), coverage: coverage);
        var line = new RemoteIdLine { Transport = RidTransport.Bt4, RssiDbm = -70, HasMac = true, Mac = 0x024F00000001 };
        var forged = new RemoteIdLine { Transport = RidTransport.Bt4, RssiDbm = -40, HasMac = true, Mac = 0x02FF00000001 };

        for (var s = 0; s <= 6; s++)
        {
            a.Process(line, RemoteIdPacks.Pack("REAL-1", DroneLat, DroneLon), time.GetUtcNow());
            b.Process(line, RemoteIdPacks.Pack("REAL-1", DroneLat, DroneLon), time.GetUtcNow());
            a.Process(forged, RemoteIdPacks.Pack("FORGED-1", DroneLat, DroneLon), time.GetUtcNow());
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var real = sink.Drones.Select(e => e.Drone).Where(d => d.UasId.ToString() == "REAL-1").ToList();
        var fake = sink.Drones.Select(e => e.Drone).Where(d => d.UasId.ToString() == "FORGED-1").ToList();
        Assert.All(real, d => Assert.Equal(SpoofReasons.None, d.Spoof));
        Assert.Equal(SpoofReasons.None, fake[0].Spoof); // not yet: receiver 1 had no time to hear it
        Assert.Equal(SpoofReasons.SingleReceiver, fake[^1].Spoof); // flagged, still published
        Assert.Equal(7, fake.Count);
    }

    private static long At(double seconds) => s_t0 + (long)(seconds * TimeSpan.TicksPerSecond);

    private RemoteIdCoverage Create() => new([s_a, s_b], i => !_offline.Contains(i), RemoteIdCoverage.DefaultWindow);
}
