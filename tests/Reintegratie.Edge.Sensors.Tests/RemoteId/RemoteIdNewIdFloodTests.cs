using Microsoft.Extensions.Time.Testing;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Sensors.Tests.Transports;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId;

/// <summary>A flood of forged ids, each from a new random MAC: the per-receiver new-track budget folds it.</summary>
public class RemoteIdNewIdFloodTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero));
    private readonly CollectingEventSink _sink = new();

    [Fact]
    public void Process_NewRandomMacPerForgedId_BeyondTheBudgetOneFloodTrackAndNothingDropped()
    {
        var assembler = Create();

        for (var i = 0; i < 1000; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(1)); // 1,000 ids per second
            assembler.Process(Line(RandomMac(i)), RemoteIdPacks.Pack($"FAKE-{i}", 51.6636, 5.2904), _time.GetUtcNow());
        }

        Assert.Equal(1000, _sink.Drones.Count); // every detection still published
        var tracks = _sink.Drones.Select(e => e.Drone.TrackKey).Distinct().Count();
        Assert.InRange(tracks, 21, 26); // the burst of 20, about 5 refilled in the second, and the flood track
        Assert.InRange(assembler.TrackCount, 21, 26);
        var flood = _sink.Drones.Select(e => e.Drone).Where(d => d.TrackId.ToString() == RemoteIdTrackAssembler.FloodTrackKey).ToList();
        Assert.Equal(assembler.FloodFoldedIds, flood.Count);
        Assert.All(flood, d => Assert.True((d.Spoof & SpoofReasons.NewIdFlood) != 0));
        Assert.Equal(Enumerable.Range(1, flood.Count), flood.Select(d => d.SpoofIdCount));
        Assert.Equal("FAKE-999", flood[^1].UasId.ToString());
        Assert.All(_sink.Drones.Take(20), e => Assert.Equal(SpoofReasons.None, e.Drone.Spoof));
    }

    [Fact]
    public void Process_RealDroneTrackedBeforeTheFlood_KeepsItsOwnUnflaggedTrack()
    {
        var assembler = Create();
        var real = Line(0x024F0000000A);
        assembler.Process(real, RemoteIdPacks.Pack("REAL-1", 51.6640, 5.2910), _time.GetUtcNow());

        for (var i = 0; i < 500; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(1));
            assembler.Process(Line(RandomMac(i)), RemoteIdPacks.Pack($"FAKE-{i}", 51.6636, 5.2904), _time.GetUtcNow());
        }

        assembler.Process(real, RemoteIdPacks.Pack("REAL-1", 51.6641, 5.2910), _time.GetUtcNow());

        var drone = _sink.Drones[^1].Drone;
        Assert.Equal("REAL-1", drone.TrackId.ToString());
        Assert.Equal(SpoofReasons.None, drone.Spoof);
        Assert.Equal(0, drone.SpoofIdCount);
    }

    [Fact]
    public void Process_NewRealDroneDuringTheFlood_FoldedAtFirstThenItsOwnTrackWhenHeardAgain()
    {
        var assembler = Create();
        var n = 0;
        void Flood(int count)
        {
            for (var i = 0; i < count; i++, n++)
            {
                _time.Advance(TimeSpan.FromMilliseconds(1));
                assembler.Process(Line(RandomMac(n)), RemoteIdPacks.Pack($"FAKE-{n}", 51.6636, 5.2904), _time.GetUtcNow());
            }
        }

        var real = Line(0x024F0000000B);
        Flood(200); // the budget is spent
        assembler.Process(real, RemoteIdPacks.Pack("REAL-2", 51.6640, 5.2910), _time.GetUtcNow());
        var first = _sink.Drones[^1].Drone;
        Flood(100); // its next beacon, 100 ms later
        assembler.Process(real, RemoteIdPacks.Pack("REAL-2", 51.6640, 5.2911), _time.GetUtcNow());
        var second = _sink.Drones[^1].Drone;

        Assert.Equal(RemoteIdTrackAssembler.FloodTrackKey, first.TrackId.ToString());
        Assert.Equal("REAL-2", first.UasId.ToString()); // its detection was published in the flood alert
        Assert.Equal("REAL-2", second.TrackId.ToString());
        Assert.Equal(SpoofReasons.None, second.Spoof);
        Assert.Equal(1, assembler.Promoted);
    }

    [Fact]
    public void Process_NewRealDroneOutsideTheFloodsRssiBand_ItsOwnTrackAtItsFirstFrame()
    {
        var assembler = Create();
        for (var i = 0; i < 500; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(1));
            assembler.Process(Line(RandomMac(i), -60 + ((i % 9) - 4)), RemoteIdPacks.Pack($"FAKE-{i}", 51.6636, 5.2904), _time.GetUtcNow());
        }

        assembler.Process(Line(0x024F0000000C, -78), RemoteIdPacks.Pack("REAL-3", 51.6640, 5.2910), _time.GetUtcNow());

        var first = _sink.Drones[^1].Drone;
        Assert.Equal("REAL-3", first.TrackId.ToString());
        Assert.Equal(SpoofReasons.None, first.Spoof);
        Assert.Equal(1, assembler.DistinctFromFlood);
        Assert.Equal(0, assembler.Promoted);
    }

    [Fact]
    public void Process_ForgerStepsToAnotherRssiBand_AtMostOneBurstOfOwnTracksThenFoldedAgain()
    {
        var assembler = Create();
        var n = 0;
        void Flood(int count, float rssi)
        {
            for (var i = 0; i < count; i++, n++)
            {
                _time.Advance(TimeSpan.FromMilliseconds(1));
                assembler.Process(Line(RandomMac(n), rssi), RemoteIdPacks.Pack($"FAKE-{n}", 51.6636, 5.2904), _time.GetUtcNow());
            }
        }

        Flood(500, -60);
        var tracksBefore = _sink.Drones.Select(e => e.Drone.TrackKey).Distinct().Count();
        Flood(1000, -80); // a second transmitter, or the same one turned down, for a second

        var ownTracksInTheStep = _sink.Drones.Skip(500).Select(e => e.Drone.TrackKey).Distinct().Count() - 1; // less the flood track
        Assert.Equal(RemoteIdOptions.DefaultNewTrackBurst, assembler.DistinctFromFlood); // one burst, then its own hold
        Assert.Equal(RemoteIdOptions.DefaultNewTrackBurst, ownTracksInTheStep);
        Assert.True(tracksBefore <= 26);
        Assert.All(_sink.Drones.Skip(600), e => Assert.Equal(RemoteIdTrackAssembler.FloodTrackKey, e.Drone.TrackId.ToString()));
    }

    [Fact]
    public void Process_FloodModeWithFingerprint_AllocatesNothingPerForgedId()
    {
        var sink = new CountingSink();
        var assembler = new RemoteIdTrackAssembler(TestSite.Build(SensorFamily.RemoteId), sink, 0, TimeSpan.FromSeconds(30));
        var packs = Enumerable.Range(0, 12_000).Select(i => RemoteIdPacks.PackBytes($"FAKE-{i}", 51.6636, 5.2904)).ToArray();
        void Flood(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                _time.Advance(TimeSpan.FromMilliseconds(1));
                assembler.Process(Line(RandomMac(i), -60 + ((i % 9) - 4)), OdidFrame.Parse(packs[i]), _time.GetUtcNow());
            }
        }

        Flood(0, 9_000); // past the burst, the window and two generations of refused keys

        var before = GC.GetAllocatedBytesForCurrentThread();
        Flood(9_000, 12_000);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(12_000, sink.Count);
    }

    [Fact]
    public void Process_LocationOnlyFramesFromNewMacs_AlsoBounded()
    {
        var assembler = Create();

        for (var i = 0; i < 300; i++)
        {
            assembler.Process(Line(RandomMac(i)), RemoteIdPacks.LocationOnly(51.6636, 5.2904), _time.GetUtcNow());
        }

        Assert.Equal(21, assembler.TrackCount); // the burst of 20 MAC tracks and the flood track
        Assert.Equal(280, assembler.FloodFoldedIds);
    }

    [Fact]
    public void Process_QuietAir_EveryNewDroneGetsItsTrackAtOnce()
    {
        var assembler = Create();

        for (var i = 0; i < 15; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(300));
            assembler.Process(Line(0x024F00000000UL + (ulong)i), RemoteIdPacks.Pack($"REAL-{i}", 51.6640, 5.2910), _time.GetUtcNow());
        }

        Assert.Equal(15, _sink.Drones.Select(e => e.Drone.TrackId.ToString()).Distinct().Count());
        Assert.Equal(0, assembler.FloodFoldedIds);
    }

    private static ulong RandomMac(int i) => 0x020000000000UL | (((ulong)i * 0x9E3779B97F4A7C15UL) >> 24);

    private static RemoteIdLine Line(ulong mac, float rssi = -60) => new() { Transport = RidTransport.WifiBeacon, RssiDbm = rssi, HasMac = true, Mac = mac };

    private RemoteIdTrackAssembler Create() =>
        new(TestSite.Build(SensorFamily.RemoteId), _sink, 0, TimeSpan.FromSeconds(30), budget: new NewTrackBudget(RemoteIdOptions.DefaultNewTracksPerSecond, RemoteIdOptions.DefaultNewTrackBurst));
}
