using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Sensors.Tests.Transports;
using Reintegratie.Edge.Simulator.Transports;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId;

public sealed class RemoteIdAdapterTests : IDisposable
{
    private const string PackLine = "RID,BT5,-67,AA:BB:CC:00:11:22,f219050212313538314635464b443232393430305445535400000000122624160a473ecb1e714327039808f30870086b5339300200320053757276657920666c69676874202d2074657374203031420527dcca1e6bae260301000000000000122e084093110c0052004e4c446b337639783271376d3870347700000000000000";
    private readonly string _dir = Directory.CreateTempSubdirectory("rid-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RunAsync_PackOverPty_PublishesDetectionWithOperatorAndZone()
    {
        var link = Path.Combine(_dir, "rid0");
        using var pty = PtyPair.Open(link);
        var (adapter, sink, site, ctx) = Create(link);
        using var cts = new CancellationTokenSource();
        var run = adapter.RunAsync(cts.Token);
        await TestSite.WaitUntil(() => adapter.Reader.Connects > 0, "port open");

        await pty.WriteLineAsync("garbage that is not a RID line", CancellationToken.None);
        await pty.WriteLineAsync(PackLine, CancellationToken.None);
        await TestSite.WaitUntil(() => sink.Drones.Count == 1, "one detection");

        var (header, drone) = sink.Drones[0];
        Assert.Equal("1581F5FKD229400TEST", drone.UasId.ToString());
        Assert.Equal(drone.TrackId.StableHash(), drone.TrackKey);
        Assert.Equal(51.6636231, drone.Latitude, 9);
        Assert.True(drone.HasOperator);
        Assert.Equal(51.6611111, drone.OperatorLatitude, 9);
        Assert.Equal(145.5f, drone.AltitudeM);
        Assert.Equal(216f, drone.HeadingDeg);
        Assert.Equal(-67f, drone.RssiDbm);
        Assert.Equal(DroneClass.UavRotaryWing, drone.Classification);
        Assert.Equal(2, drone.EuClass);
        Assert.Equal(site.ZoneIndexOf("north"), header.ZoneIndex);
        Assert.Equal(SensorFamily.RemoteId, header.Family);
        Assert.Equal(1, adapter.Malformed);
        Assert.Equal(SensorStatus.Online, ctx.Health.Snapshot()[0].Status);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task RunAsync_Unplugged_GoesOfflineAndRecoversOnReplug()
    {
        var link = Path.Combine(_dir, "rid1");
        var pty = PtyPair.Open(link);
        var (adapter, sink, _, ctx) = Create(link);
        using var cts = new CancellationTokenSource();
        var run = adapter.RunAsync(cts.Token);
        await TestSite.WaitUntil(() => adapter.Reader.Connects > 0, "port open");
        await pty.WriteLineAsync(PackLine, CancellationToken.None);
        await TestSite.WaitUntil(() => sink.Drones.Count == 1, "first detection");

        pty.Dispose();
        await TestSite.WaitUntil(() => ctx.Health.Snapshot()[0].Status == SensorStatus.Offline, "offline after unplug");
        await Task.Delay(500);
        Assert.False(run.IsCompleted);

        using var again = PtyPair.Open(link);
        await TestSite.WaitUntil(() => adapter.Reader.Connects > 1, "reopened");
        await again.WriteLineAsync(PackLine, CancellationToken.None);
        await TestSite.WaitUntil(() => sink.Drones.Count == 2, "detection after replug");
        Assert.Equal(SensorStatus.Online, ctx.Health.Snapshot()[0].Status);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    private static (RemoteIdAdapter, CollectingEventSink, Core.Site.SiteModel, AdapterContext) Create(string port)
    {
        var sink = new CollectingEventSink();
        var site = TestSite.Build(SensorFamily.RemoteId);
        var ctx = TestSite.Context(site, sink);
        var options = new RemoteIdOptions { Port = port };
        return (RemoteIdAdapter.ForPort(site.Sensors[0], options, ctx), sink, site, ctx);
    }
}
