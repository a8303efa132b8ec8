using Microsoft.Extensions.Time.Testing;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Sensors.Tests.Transports;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId;

public class RemoteIdSpoofSenseTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly CollectingEventSink _sink = new();

    [Fact]
    public void Process_PositionJumpFasterThanAnyDrone_FlaggedButStillPublished()
    {
        var assembler = Create();
        var line = Line(mac: 0x02AABBCCDD01);

        assembler.Process(line, Pack("REAL-1", 51.6636, 5.2904), _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(1));
        assembler.Process(line, Pack("REAL-1", 51.6640, 5.2910), _time.GetUtcNow()); // 60 m in 1 s: plausible
        _time.Advance(TimeSpan.FromSeconds(1));
        assembler.Process(line, Pack("REAL-1", 51.7000, 5.2910), _time.GetUtcNow()); // 4 km in 1 s: not

        Assert.Equal(3, _sink.Drones.Count);
        Assert.Equal(SpoofReasons.None, _sink.Drones[1].Drone.Spoof);
        Assert.Equal(SpoofReasons.SpeedJump, _sink.Drones[2].Drone.Spoof);
    }

    [Fact]
    public void Process_OneMacAnnouncingManyUasIds_LaterIdsFlagged()
    {
        var assembler = Create();
        var line = Line(mac: 0x02AABBCCDD02);

        foreach (var id in new[] { "FAKE-1", "FAKE-2", "FAKE-3", "FAKE-4" })
        {
            assembler.Process(line, Pack(id, 51.6636, 5.2904), _time.GetUtcNow());
        }

        Assert.Equal(4, _sink.Drones.Count);
        Assert.Equal(SpoofReasons.None, _sink.Drones[1].Drone.Spoof);
        Assert.Equal(SpoofReasons.ManyIdsOneMac, _sink.Drones[2].Drone.Spoof);
        Assert.Equal(SpoofReasons.ManyIdsOneMac, _sink.Drones[3].Drone.Spoof);
    }

    [Fact]
    public void Process_ManyDronesEachWithItsOwnMac_NoneFlagged()
    {
        var assembler = Create();

        for (var i = 0; i < 20; i++)
        {
            assembler.Process(Line(mac: 0x02AABBCC0000UL + (ulong)i), Pack($"DRONE-{i}", 51.6636, 5.2904), _time.GetUtcNow());
        }

        Assert.All(_sink.Drones, d => Assert.Equal(SpoofReasons.None, d.Drone.Spoof));
    }

    [Theory]
    [InlineData(5, 6, false)]
    [InlineData(255, 0, false)]
    [InlineData(5, 5, true)]
    [InlineData(9, 4, true)]
    public void Process_MessageCounter_RepeatOrBackwardsFlagged(byte first, byte second, bool flagged)
    {
        var assembler = Create();
        var line = Line(mac: 0x02AABBCCDD03);
        line.HasCounter = true;

        line.Counter = first;
        assembler.Process(line, Pack("REAL-2", 51.6636, 5.2904), _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(1));
        line.Counter = second;
        assembler.Process(line, Pack("REAL-2", 51.6636, 5.2904), _time.GetUtcNow());

        Assert.Equal(flagged ? SpoofReasons.CounterReplay : SpoofReasons.None, _sink.Drones[1].Drone.Spoof);
    }

    [Fact]
    public void Process_FloodOfIdsFromOneMac_FoldedIntoOneTrackWithTheCountAndNothingDropped()
    {
        var assembler = Create();
        var flood = Line(mac: 0x666666666666);

        for (var i = 0; i < 1000; i++)
        {
            assembler.Process(flood, Pack($"FAKE-{i}", 51.6636, 5.2904), _time.GetUtcNow());
        }

        Assert.Equal(1000, _sink.Drones.Count); // flagged and folded, every detection still published
        Assert.Equal(3, assembler.TrackCount); // FAKE-0, FAKE-1 (not yet suspect) and the transmitter's folded track
        var folded = _sink.Drones.Skip(2).Select(e => e.Drone).ToList();
        Assert.All(folded, d => Assert.Equal(SpoofReasons.ManyIdsOneMac, d.Spoof));
        Assert.Single(folded.Select(d => d.TrackKey).Distinct());
        Assert.Equal("66:66:66:66:66:66", folded[^1].TrackId.ToString());
        Assert.Equal("FAKE-999", folded[^1].UasId.ToString());
        Assert.Equal(Enumerable.Range(1, 998), folded.Select(d => d.SpoofIdCount));
        Assert.Equal(1, assembler.FoldedMacs);
        Assert.Equal(998, assembler.FoldedIds);
    }

    [Fact]
    public void Process_RealDroneBesideAFlood_KeepsItsOwnUnflaggedTrack()
    {
        var assembler = Create();
        for (var i = 0; i < 500; i++)
        {
            assembler.Process(Line(mac: 0x666666666666), Pack($"FAKE-{i}", 51.6636, 5.2904), _time.GetUtcNow());
        }

        assembler.Process(Line(mac: 0x024F0000000A), Pack("REAL-1", 51.6640, 5.2910), _time.GetUtcNow());

        var real = _sink.Drones[^1].Drone;
        Assert.Equal("REAL-1", real.UasId.ToString());
        Assert.Equal("REAL-1", real.TrackId.ToString());
        Assert.Equal(SpoofReasons.None, real.Spoof);
        Assert.Equal(0, real.SpoofIdCount);
    }

    [Fact]
    public void Process_FloodGoingOnPastTheIdWindow_StaysFolded()
    {
        var assembler = Create();
        var flood = Line(mac: 0x666666666666);
        for (var i = 0; i < 5; i++)
        {
            assembler.Process(flood, Pack($"FAKE-{i}", 51.6636, 5.2904), _time.GetUtcNow());
        }

        for (var i = 5; i < 12; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(10)); // 70 s in all: past the 60 s id window
            assembler.Process(flood, Pack($"FAKE-{i}", 51.6636, 5.2904), _time.GetUtcNow());
        }

        var late = _sink.Drones[^1].Drone;
        Assert.Equal(SpoofReasons.ManyIdsOneMac, late.Spoof);
        Assert.Equal("66:66:66:66:66:66", late.TrackId.ToString());
        Assert.Equal(10, late.SpoofIdCount); // FAKE-2..11 folded, none got its own track after the window rolled
    }

    [Fact]
    public void Process_TableFull_SuspectTracksEvictedBeforeAPlausibleOneAndCounted()
    {
        var sink = new CollectingEventSink();
        var assembler = new RemoteIdTrackAssembler(TestSite.Build(SensorFamily.RemoteId), sink, 0, TimeSpan.FromSeconds(30), maxTracks: 4);
        assembler.Process(Line(mac: 0x024F0000000A), Pack("REAL-1", 51.6640, 5.2910), _time.GetUtcNow()); // the oldest

        for (var i = 0; i < 10; i++)
        {
            // Replayed frames (same counter twice): each of these tracks is suspect.
            _time.Advance(TimeSpan.FromSeconds(1));
            var replay = Line(mac: 0x02CC00000000UL + (ulong)i);
            replay.HasCounter = true;
            replay.Counter = 7;
            assembler.Process(replay, Pack($"REPLAY-{i}", 51.6636, 5.2904), _time.GetUtcNow());
            assembler.Process(replay, Pack($"REPLAY-{i}", 51.6636, 5.2904), _time.GetUtcNow());
        }

        Assert.Equal(4, assembler.TrackCount);
        Assert.Equal(7, assembler.Evicted);
        Assert.Equal(7, assembler.EvictedSuspect); // REAL-1 is the oldest, yet every eviction took a suspect track
        assembler.Process(Line(mac: 0x024F0000000A), Pack("REAL-1", 51.6640, 5.2910), _time.GetUtcNow());
        Assert.Equal(7, assembler.Evicted); // REAL-1's track was still there: nothing pushed out for it
        Assert.Equal(SpoofReasons.None, sink.Drones[^1].Drone.Spoof);
    }

    private static RemoteIdLine Line(ulong mac) => new() { Transport = RidTransport.WifiBeacon, RssiDbm = -60, HasMac = true, Mac = mac };

    private static OdidFrame Pack(string uasId, double lat, double lon) => RemoteIdPacks.Pack(uasId, lat, lon);

    private RemoteIdTrackAssembler Create() =>
        new(TestSite.Build(SensorFamily.RemoteId), _sink, sensorIndex: 0, staleAfter: TimeSpan.FromSeconds(30));
}
