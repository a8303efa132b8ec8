using Microsoft.Extensions.Time.Testing;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Sensors.Tests.Transports;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId;

public class RemoteIdTrackAssemblerTests
{
    private static readonly byte[] s_basic = ConformanceVectors.Bytes(ConformanceVectors.Get("basic_serial_multirotor"));
    private static readonly byte[] s_location = ConformanceVectors.Bytes(ConformanceVectors.Get("location_airborne_sw_heading"));
    private static readonly byte[] s_system = ConformanceVectors.Bytes(ConformanceVectors.Get("system_eu_open_c1_live_gnss"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly CollectingEventSink _sink = new();

    [Fact]
    public void Process_Bt4SingleMessagesFromOneMac_JoinIntoOneTrackUnderTheUasId()
    {
        var assembler = Create();
        var line = new RemoteIdLine { Transport = RidTransport.Bt4, RssiDbm = -80, HasMac = true, Mac = 0x02AABBCCDDEE };

        assembler.Process(line, OdidFrame.Parse(s_system), _time.GetUtcNow());
        assembler.Process(line, OdidFrame.Parse(s_basic), _time.GetUtcNow());
        assembler.Process(line, OdidFrame.Parse(s_location), _time.GetUtcNow());

        Assert.Equal(1, assembler.TrackCount);
        var drone = Assert.Single(_sink.Drones).Drone;
        Assert.Equal("1581F5FKD229400TEST", drone.UasId.ToString());
        Assert.True(drone.HasOperator);
        Assert.Equal(1, drone.EuCategory);
    }

    [Fact]
    public void Process_LocationBeforeBasicId_PublishedUnderTheMac()
    {
        var assembler = Create();
        var line = new RemoteIdLine { Transport = RidTransport.Bt4, RssiDbm = float.NaN, HasMac = true, Mac = 0x02AABBCCDDEE };

        assembler.Process(line, OdidFrame.Parse(s_location), _time.GetUtcNow());

        var drone = Assert.Single(_sink.Drones).Drone;
        Assert.Equal("02:AA:BB:CC:DD:EE", drone.TrackId.ToString());
        Assert.True(drone.UasId.IsEmpty);
    }

    [Fact]
    public void Process_NoBasicIdAndNoMac_CountedAsUnattributed()
    {
        var assembler = Create();

        var ok = assembler.Process(new RemoteIdLine { Transport = RidTransport.WifiNan }, OdidFrame.Parse(s_location), _time.GetUtcNow());

        Assert.False(ok);
        Assert.Equal(1, assembler.Unattributed);
        Assert.Empty(_sink.Drones);
    }

    [Fact]
    public void DropStale_AfterStaleTime_RemovesTrack()
    {
        var assembler = Create();
        var line = new RemoteIdLine { Transport = RidTransport.Bt4, HasMac = true, Mac = 1 };
        assembler.Process(line, OdidFrame.Parse(s_basic), _time.GetUtcNow());

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, assembler.DropStale(_time.GetUtcNow()));
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(1, assembler.DropStale(_time.GetUtcNow()));
        Assert.Equal(0, assembler.TrackCount);
    }

    [Fact]
    public void Process_SteadyState_AllocatesNothing()
    {
        var assembler = Create();
        var line = new RemoteIdLine { Transport = RidTransport.Bt4, HasMac = true, Mac = 7 };
        var sink = new CountingSink();
        assembler = new RemoteIdTrackAssembler(TestSite.Build(SensorFamily.RemoteId), sink, 0, TimeSpan.FromSeconds(30));
        assembler.Process(line, OdidFrame.Parse(s_basic), _time.GetUtcNow());
        assembler.Process(line, OdidFrame.Parse(s_location), _time.GetUtcNow());

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            assembler.Process(line, OdidFrame.Parse(s_location), _time.GetUtcNow());
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1001, sink.Count);
    }

    private RemoteIdTrackAssembler Create() =>
        new(TestSite.Build(SensorFamily.RemoteId), _sink, 0, TimeSpan.FromSeconds(30));
}
