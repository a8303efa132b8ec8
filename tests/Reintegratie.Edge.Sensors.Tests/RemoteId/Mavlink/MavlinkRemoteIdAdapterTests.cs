using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Sensors.RemoteId.Mavlink;
using Reintegratie.Edge.Sensors.Tests.Transports;
using Reintegratie.Edge.Simulator.Transports;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId.Mavlink;

public sealed class MavlinkRemoteIdAdapterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rid-mav-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RunAsync_ReceiverSessionOverPty_OneTrackWithOperatorAndBadFramesCounted()
    {
        var link = Path.Combine(_dir, "mav0");
        using var pty = PtyPair.Open(link);
        var (adapter, sink, site, ctx) = Create(link);
        using var cts = new CancellationTokenSource();
        var run = adapter.RunAsync(cts.Token);
        await TestSite.WaitUntil(() => adapter.Reader.Connects > 0, "port open");

        // What a DroneScout-style bridge sends: heartbeat, then the drone's messages one by one, with a damaged and a
        // signed frame in between.
        foreach (var id in new[] { "heartbeat", "location_payload_bit_flipped", "signed_heartbeat", "system_operator", "basic_id_serial", "location_airborne" })
        {
            await pty.Master.WriteAsync(MavlinkVectors.Bytes(MavlinkVectors.Get(id)));
        }

        await pty.Master.FlushAsync();
        await TestSite.WaitUntil(() => sink.Drones.Count == 1, "one detection");

        var (header, drone) = sink.Drones[0];
        Assert.Equal("1581F5FKD229400TEST", drone.UasId.ToString());
        Assert.Equal(51.6636231, drone.Latitude, 9);
        Assert.Equal(145.5f, drone.AltitudeM);
        Assert.Equal(215.7f, drone.HeadingDeg);
        Assert.Equal(5.4f, drone.SpeedMps);
        Assert.True(drone.HasOperator);
        Assert.Equal(51.66, drone.OperatorLatitude, 9);
        Assert.True(float.IsNaN(drone.RssiDbm));
        Assert.Equal(DroneClass.UavRotaryWing, drone.Classification);
        Assert.Equal(2, drone.EuClass);
        Assert.Equal(site.ZoneIndexOf("north"), header.ZoneIndex);
        Assert.Equal(1, adapter.Tracks.TrackCount);
        Assert.Equal(1, adapter.Framer.BadCrc);
        Assert.Equal(1, adapter.Framer.Unverifiable);
        Assert.Equal(2, adapter.Malformed);
        Assert.Equal(1, adapter.Heartbeats);
        Assert.Equal(SensorStatus.Online, ctx.Health.Snapshot()[0].Status);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public void OnFrame_MessagePack_PublishesThePacksLocationUnderItsUasId()
    {
        var (adapter, sink, _, _) = Create(Path.Combine(_dir, "unused"));
        var bytes = MavlinkVectors.Bytes(MavlinkVectors.Get("message_pack"));
        Assert.Equal(MavlinkReject.None, MavlinkFrame.TryParse(bytes, out var frame, out _));

        adapter.OnFrame(frame);

        var drone = Assert.Single(sink.Drones).Drone;
        Assert.Equal("1581F5FKD229400TEST", drone.UasId.ToString());
        Assert.True(drone.HasOperator);
    }

    [Fact]
    public void OnFrame_DroneTrafficWithoutHeartbeat_DoesNotTouchHealth()
    {
        var (adapter, sink, _, ctx) = Create(Path.Combine(_dir, "unused"));
        var before = ctx.Health.Snapshot()[0];
        Assert.Equal(MavlinkReject.None, MavlinkFrame.TryParse(MavlinkVectors.Bytes(MavlinkVectors.Get("message_pack")), out var frame, out _));

        adapter.OnFrame(frame);

        Assert.Single(sink.Drones);
        Assert.Equal(before, ctx.Health.Snapshot()[0]);
    }

    private static (MavlinkRemoteIdAdapter, CollectingEventSink, Core.Site.SiteModel, AdapterContext) Create(string port)
    {
        var sink = new CollectingEventSink();
        var site = TestSite.Build(SensorFamily.RemoteId);
        var ctx = TestSite.Context(site, sink);
        var options = new RemoteIdOptions { Port = port, Format = RemoteIdFormat.Mavlink };
        return (MavlinkRemoteIdAdapter.ForPort(site.Sensors[0], options, ctx), sink, site, ctx);
    }
}
