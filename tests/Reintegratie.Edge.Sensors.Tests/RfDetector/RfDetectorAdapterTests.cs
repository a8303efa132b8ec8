using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RfDetector;
using Reintegratie.Edge.Sensors.Tests.Transports;
using Reintegratie.Edge.Simulator.Transports;

namespace Reintegratie.Edge.Sensors.Tests.RfDetector;

public sealed class RfDetectorAdapterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RunAsync_SentencesOverPty_PublishesBearingDetectionsAndSkipsBadChecksum()
    {
        var link = Path.Combine(_dir, "rf0");
        var pty = PtyPair.Open(link);
        var sink = new CollectingEventSink();
        var site = TestSite.Build(SensorFamily.RfDetector);
        var ctx = TestSite.Context(site, sink);
        var adapter = RfDetectorAdapter.ForPort(site.Sensors[0], new RfDetectorOptions { Port = link }, ctx);
        using var cts = new CancellationTokenSource();
        var run = adapter.RunAsync(cts.Token);
        await TestSite.WaitUntil(() => adapter.Reader.Connects > 0, "port open");

        await pty.WriteLineAsync("$PRFDT,142305.50,RF1,T17,123.4,8.5,-72,2437.5,OCUSYNC,85*4F", CancellationToken.None);
        await pty.WriteLineAsync("$PRFDT,142305.50,RF1,T17,123.4,8.5,-72,2437.5,OCUSYNC,85*4E", CancellationToken.None);
        await pty.WriteLineAsync("$PRFDT,142306.00,RF1,T17,224.0,,-71,5785.0,OCUSYNC,88*6E", CancellationToken.None); // checksum of the 124.0 sentence
        await TestSite.WaitUntil(() => sink.Drones.Count >= 1 && adapter.Malformed >= 2, "one detection, two rejects");

        var (header, drone) = sink.Drones[0];
        Assert.True(drone.HasBearing);
        Assert.Equal(123.4f, drone.BearingDeg);
        Assert.Equal(DroneClass.UavTransmitter, drone.Classification);
        Assert.Equal(RfProtocol.DjiOcuSync, drone.Protocol);
        Assert.Equal(0.85f, drone.Confidence);
        Assert.Equal("T17", drone.TrackId.ToString());
        Assert.Equal(site.ZoneIndexOf("north"), header.ZoneIndex);
        Assert.Equal(SensorFamily.RfDetector, header.Family);

        pty.Dispose();
        await TestSite.WaitUntil(() => ctx.Health.Snapshot()[0].Status == SensorStatus.Offline, "offline after unplug");
        using var again = PtyPair.Open(link);
        await TestSite.WaitUntil(() => adapter.Reader.Connects > 1, "reopened");
        await again.WriteLineAsync("$PRFDT,142306.00,RF1,T17,124.0,,-71,5785.0,OCUSYNC,88*6E", CancellationToken.None);
        await TestSite.WaitUntil(() => sink.Drones.Count == 2, "detection after replug");
        Assert.True(float.IsNaN(sink.Drones[1].Drone.ElevationDeg));
        Assert.Equal(SensorStatus.Online, ctx.Health.Snapshot()[0].Status);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }
}
