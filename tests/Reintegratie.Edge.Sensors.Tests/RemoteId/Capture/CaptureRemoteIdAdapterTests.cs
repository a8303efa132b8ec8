using Microsoft.Extensions.Time.Testing;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.RemoteId;
using Reintegratie.Edge.Sensors.RemoteId.Capture;
using Reintegratie.Edge.Sensors.Tests.Transports;

namespace Reintegratie.Edge.Sensors.Tests.RemoteId.Capture;

public class CaptureRemoteIdAdapterTests
{
    [Fact]
    public async Task RunAsync_BleCapture_OneTrackFromSingleMessagesAndTheDamagedOneCounted()
    {
        var (adapter, sink, site, _) = Create("ble-legacy.pcap", TimeProvider.System);
        using var cts = new CancellationTokenSource();
        var run = adapter.RunAsync(cts.Token);

        await TestSite.WaitUntil(() => adapter.Finished, "replay finished");

        var (header, drone) = Assert.Single(sink.Drones);
        Assert.Equal("1581F5FKD229400TEST", drone.UasId.ToString());
        Assert.Equal(51.6636231, drone.Latitude, 9);
        Assert.Equal(-71f, drone.RssiDbm);
        Assert.Equal(site.ZoneIndexOf("north"), header.ZoneIndex);
        Assert.Equal(3, adapter.Counters.RemoteId);
        Assert.Equal(1, adapter.Counters.BadChecksum);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task RunAsync_Replay_PacedByCaptureTimes()
    {
        // The beacons were captured 0.5 s apart: on a fake clock the second waits until the clock has moved 0.5 s.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var (adapter, sink, _, _) = Create("wifi-beacon-radiotap.pcap", time);
        using var cts = new CancellationTokenSource();
        var run = adapter.RunAsync(cts.Token);
        await TestSite.WaitUntil(() => sink.Drones.Count == 1, "first beacon");

        time.Advance(TimeSpan.FromMilliseconds(499));
        await Task.Delay(100);
        Assert.Single(sink.Drones);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await TestSite.WaitUntil(() => sink.Drones.Count == 2, "second beacon half a second later");

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task RunAsync_NotACapture_OfflineAndRetried()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "RID,BT4,-70,-,00\n");
        try
        {
            var sink = new CollectingEventSink();
            var site = TestSite.Build(SensorFamily.RemoteId);
            var ctx = TestSite.Context(site, sink);
            var opens = 0;
            var adapter = new CaptureRemoteIdAdapter(site.Sensors[0], new RemoteIdOptions { Format = RemoteIdFormat.Pcap, Capture = file }, ctx,
                () => { opens++; return new FileCaptureSource(file); });
            using var cts = new CancellationTokenSource();
            var run = adapter.RunAsync(cts.Token);

            await TestSite.WaitUntil(() => opens >= 2, "reopened after the failure");

            Assert.Equal(SensorStatus.Offline, ctx.Health.Snapshot()[0].Status);
            Assert.False(run.IsCompleted);
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static (CaptureRemoteIdAdapter, CollectingEventSink, Core.Site.SiteModel, AdapterContext) Create(string file, TimeProvider time)
    {
        var sink = new CollectingEventSink();
        var site = TestSite.Build(SensorFamily.RemoteId);
        var ctx = TestSite.Context(site, sink, time);
        var options = new RemoteIdOptions { Format = RemoteIdFormat.Pcap, Capture = CaptureVectors.PathOf(file) };
        return (CaptureRemoteIdAdapter.ForOptions(site.Sensors[0], options, ctx), sink, site, ctx);
    }
}
